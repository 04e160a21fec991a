import { buttons, deliveredItems, openedForm, shown, startLocalBot, type ApiBody, type OpenForm } from "../support/local-workspace.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { driverOf, type Answer, type ScenarioDriver, type DriverOptions, type ShownMessage } from "./driver.js";
import { SCENARIO_DIRECTORY, accountOf, channelOf, scenarioClock } from "./people.js";

/** An HTML fragment as shown: refused when it opens with the refusal notice; its code beside it. */
function answerOf(body: ApiBody): Answer {
  const code = /<small class="m-code">code <code>([^<]+)<\/code><\/small>/.exec(body.html)?.[1];
  return { text: shown(body.html), refused: body.html.startsWith('<div class="m-view"><div class="m-notice m-error"'), ...(code ? { code } : {}) };
}

/**
 * The scenarios in the local workspace: the JSON API its page calls for commands, forms and
 * buttons, and the HTML fragments it answers and shows as a person's messages or a channel.
 */
export async function startLocalDriver(options: DriverOptions = {}): Promise<ScenarioDriver> {
  // The scenarios' own directory, not the demo one: the operator's setting for that is given.
  const t = await startLocalBot({ directory: options.directory ?? SCENARIO_DIRECTORY, realDirectory: true, clock: scenarioClock() });
  const user = (person: string) => accountOf(person, "local");
  /** The form each person has open; the page keeps it open while the bot answers with an error. */
  const forms = new Map<string, OpenForm>();
  /** The buttons a shown message carried, with what the page sends for each. */
  const buttonsOf = new WeakMap<ShownMessage, ReturnType<typeof buttons>>();

  /** An answer that may be a form: the page opens it, and keeps it for the submission. */
  const answer = (person: string, body: ApiBody): Answer => {
    if (body.kind !== "form") return answerOf(body);
    const form = openedForm(body);
    forms.set(person, form);
    return { text: "", refused: false, form: { title: /<h2 id="form-title">([^<]*)<\/h2>/.exec(body.html)?.[1] ?? "", fields: form.fields } };
  };

  const inbox = async (who: { user: string } | { channel: string }): Promise<ShownMessage[]> =>
    // The page lists the newest first; scenarios read the oldest first.
    deliveredItems(await t.messages(who))
      .reverse()
      .map((html) => {
        const found = buttons(html);
        const message = { text: shown(html), buttons: found.map((b) => b.label) };
        buttonsOf.set(message, found);
        return message;
      });

  return driverOf({
    platform: "local",
    command: async (person, text) => answer(person, await t.command(user(person), text)),
    async submitForm(person, values) {
      const form = forms.get(person);
      if (!form) throw new Error(`local: ${person} has no form open`);
      const body = await t.form(user(person), form, values);
      if (body.kind === "form-error") return { ...answerOf(body), refused: true };
      forms.delete(person);
      return answer(person, body);
    },
    async click(person, label, on) {
      const button = buttonsOf.get(on)?.find((b) => b.label === label);
      if (!button) throw new Error(`local: that message shows no “${label}” button`);
      return answer(person, await t.action(user(person), button.action, button.value));
    },
    messagesTo: (person) => inbox({ user: user(person) }),
    channelMessages: (recipient) => inbox({ channel: channelOf(recipient, "local") }),
    auditLog: () => verifyAuditLog(t.bot.store),
    async settle() {
      await t.bot.runDeadlines();
      await t.settle();
    },
    stop: () => t.stop(),
  });
}
