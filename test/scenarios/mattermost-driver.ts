import type { FakePost } from "../support/fake-mattermost.js";
import { seen, startMattermostTestBot } from "../support/mattermost-harness.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { driverOf, type Answer, type ScenarioDriver, type ShownForm, type DriverOptions, type ShownMessage } from "./driver.js";
import { SCENARIO_DIRECTORY, accountOf, channelOf, recipientChannels, scenarioClock } from "./people.js";

/** Markdown as shown: refused when it opens with the bot's refusal icon; its code on a line of its own. */
function answerOf(markdown: string): Answer {
  const code = /(?:^|\n)code `([^`]+)`/.exec(markdown)?.[1];
  return { text: seen(markdown), refused: markdown.startsWith(":no_entry:"), ...(code ? { code } : {}) };
}

const buttonsOf = (post: FakePost): string[] => (post.props.attachments ?? []).flatMap((a: { actions?: { name: string }[] }) => (a.actions ?? []).map((b) => b.name));

/**
 * The scenarios on Mattermost: slash commands, button clicks and dialog submissions sent as a
 * Mattermost server sends them; posts, patches and dialogs read back from the fake server, as its
 * clients would show them.
 */
export async function startMattermostDriver(options: DriverOptions = {}): Promise<ScenarioDriver> {
  const t = await startMattermostTestBot({ directory: options.directory ?? SCENARIO_DIRECTORY, clock: scenarioClock(), channels: recipientChannels("mattermost") });
  const user = (person: string) => accountOf(person, "mattermost");
  const postOf = new WeakMap<ShownMessage, string>();

  const shown = (posts: FakePost[]): ShownMessage[] =>
    posts.map((post) => {
      const message = { text: seen(post.message), buttons: buttonsOf(post) };
      postOf.set(message, post.id);
      return message;
    });
  const directMessages = (person: string) => {
    const channel = t.fake.directChannelOf(user(person));
    return channel ? t.fake.postsIn(channel) : [];
  };

  /** The dialog a step opened for the person, if it opened one. */
  const dialogSince = (person: string, before: number): ShownForm | undefined => {
    const dialog = t.fake.dialogs.slice(before).find((d) => d.userId === user(person))?.dialog;
    return dialog && { title: dialog.title, fields: dialog.elements.map((e: { name: string }) => e.name) };
  };

  return driverOf({
    platform: "mattermost",
    async command(person, text) {
      const before = t.fake.dialogs.length;
      const reply = await t.command(user(person), text);
      if (reply.status !== 200) throw new Error(`mattermost: the bot answered HTTP ${reply.status}: ${reply.text}`);
      const form = dialogSince(person, before);
      return form ? { text: "", refused: false, form } : answerOf(reply.shown.join("\n\n"));
    },
    async submitForm(person, values) {
      const before = directMessages(person).length;
      const reply = await t.fake.submitDialog(user(person), values);
      if (reply.status !== 200) throw new Error(`mattermost: the bot answered a dialog with HTTP ${reply.status}: ${reply.text}`);
      // A refusal keeps the dialog open with the error; a result comes as a direct message.
      if (reply.json?.error) return { text: reply.json.error, refused: true };
      return answerOf(directMessages(person).slice(before).map((p) => p.message).join("\n\n"));
    },
    async click(person, label, on) {
      const post = postOf.get(on);
      if (!post) throw new Error("mattermost: that message was not read through this driver");
      const before = t.fake.dialogs.length;
      const reply = await t.fake.click(post, label, user(person));
      if (reply.status !== 200) throw new Error(`mattermost: the bot answered a click with HTTP ${reply.status}: ${reply.text}`);
      const form = dialogSince(person, before);
      return form ? { text: "", refused: false, form } : answerOf(reply.ephemeral ?? "");
    },
    messagesTo: async (person) => shown(directMessages(person)),
    channelMessages: async (recipient) => shown(t.fake.postsIn(channelOf(recipient, "mattermost"))),
    auditLog: () => verifyAuditLog(t.bot.store),
    async settle() {
      await t.bot.runDeadlines();
      await t.settle();
    },
    async stop() {
      await t.stop();
      if (t.fake.violations.length) throw new Error(`the bot broke Mattermost's rules: ${t.fake.violations.join(" | ")}`);
    },
  });
}
