import { randomBytes } from "node:crypto";
import { shownText, startTestBot } from "../support/bot-harness.js";
import type { RecordedCall } from "../support/fake-slack.js";
import { blockActionPayload, newTriggerId, viewSubmissionPayload } from "../support/slack-requests.js";
import { verifyAuditLog } from "../../src/core/use-cases/verify-audit-log.js";
import { driverOf, type Answer, type ScenarioDriver, type ShownForm, type DriverOptions, type ShownMessage } from "./driver.js";
import { SCENARIO_DIRECTORY, accountOf, channelOf, scenarioClock } from "./people.js";
import { settleOutbox } from "../support/settle-outbox.js";

type Body = { text?: string; blocks?: Block[] };
type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Element[]; element?: { type: string } };
/** A block's element: a text object in a context block, a button in an actions block. */
type Element = { type: string; text: string | { text: string }; action_id?: string; value?: string };
type Modal = { callback_id: string; private_metadata: string; title: { text: string }; blocks: Block[] };

/** Slack mrkdwn as a reader sees it: code and bold marks gone, the three escaped characters back. */
const plain = (mrkdwn: string) =>
  mrkdwn
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\*([^*\n]+)\*/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** A slash command's text as Slack sends what was typed: its three special characters escaped. */
const asSlackSends = (typed: string) => typed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const label = (e: Element) => (typeof e.text === "string" ? e.text : e.text.text);
const elementsOf = (body: Body, type: "context" | "actions") => (body.blocks ?? []).flatMap((b) => (b.type === type ? (b.elements ?? []) : []));

/** A message as shown: refused when it opens with the bot's refusal icon; its code in a context line. */
function answerOf(body: Body): Answer {
  const blocks = body.blocks ?? [];
  const code = elementsOf(body, "context").map((e) => /^code `(.+)`$/.exec(label(e))?.[1]).find(Boolean);
  return { text: plain(shownText(body)), refused: blocks[0]?.text?.text.startsWith(":no_entry:") ?? false, ...(code ? { code } : {}) };
}

const formOf = (modal: Modal): ShownForm => ({ title: modal.title.text, fields: modal.blocks.filter((b) => b.type === "input").map((b) => b.block_id!) });
const ok = (call: RecordedCall) => (call.response?.body as { ok?: boolean } | undefined)?.ok === true;

/**
 * The scenarios on Slack: signed slash commands, block actions and view submissions in, as Slack
 * sends them; what the bot sent to the fake Slack Web API out, each message with its latest
 * chat.update applied, as Slack would show it.
 */
export async function startSlackDriver(options: DriverOptions = {}): Promise<ScenarioDriver> {
  const t = await startTestBot({ directory: options.directory ?? SCENARIO_DIRECTORY, clock: scenarioClock() });
  const user = (person: string) => accountOf(person, "slack");
  /** The modal each person has open; Slack keeps it open while the bot answers with errors. */
  const modals = new Map<string, Modal>();
  /** Which message a shown message is, and the buttons it showed then (a click sends those). */
  const shownAs = new WeakMap<ShownMessage, { channel: string; ts: string; elements: Element[] }>();

  /** Slack acknowledges first and opens a modal or answers at the response_url after: waits for either. */
  async function followUp(person: string, trigger: string, responseId?: string): Promise<Answer> {
    for (let waited = 0; waited < 5000; waited += 10) {
      const open = t.fake.callsTo("views.open").find((c) => c.body.trigger_id === trigger);
      if (open) {
        const modal = open.body.view as Modal;
        modals.set(person, modal);
        return { text: "", refused: false, form: formOf(modal) };
      }
      const respond = responseId && t.fake.callsTo("response_url").find((c) => c.id === responseId);
      if (respond) return answerOf(respond.body as Body);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`slack: no answer and no modal for ${person} after 5 s`);
  }

  /** Messages posted to a conversation, each as its latest update shows it, with uploaded files. */
  function conversation(channel: string): ShownMessage[] {
    const posted = t.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === channel && ok(c));
    // A file for a person goes to the direct conversation the bot opens with them (D… in the fake).
    const files = t.fake.callsTo("files.completeUploadExternal").filter((c) => (c.body.channel_id === channel || c.body.channel_id === `D${channel}`) && ok(c));
    return [...posted, ...files]
      .sort((a, b) => a.at - b.at)
      .map((call) => {
        if (call.method !== "chat.postMessage") return { text: plain(String(call.body.initial_comment ?? "")), buttons: [] };
        const ts = String((call.response!.body as { ts: string }).ts);
        const latest = t.fake.callsTo("chat.update").filter((u) => u.body.channel === channel && u.body.ts === ts && ok(u)).at(-1) ?? call;
        const elements = elementsOf(latest.body as Body, "actions");
        const shown = { text: answerOf(latest.body as Body).text, buttons: elements.map(label) };
        shownAs.set(shown, { channel, ts, elements });
        return shown;
      });
  }

  return driverOf({
    platform: "slack",
    async command(person, text) {
      const trigger = newTriggerId();
      const reply = await t.command(user(person), asSlackSends(text), { trigger_id: trigger });
      if (reply.status !== 200) throw new Error(`slack: the bot answered HTTP ${reply.status}: ${reply.text}`);
      // An empty acknowledgement means the bot opens a modal instead of answering.
      return reply.json?.text || reply.json?.blocks ? answerOf(reply.json) : followUp(person, trigger);
    },
    async submitForm(person, values) {
      const modal = modals.get(person);
      if (!modal) throw new Error(`slack: ${person} has no form open`);
      const inputs = modal.blocks.filter((b) => b.type === "input");
      const unknown = Object.keys(values).filter((k) => !inputs.some((b) => b.block_id === k));
      if (unknown.length) throw new Error(`slack: the form has no field ${unknown.join(", ")}`);
      // Slack sends every input's state, an empty one as null.
      const state = Object.fromEntries(
        inputs.map((b) => {
          const value = values[b.block_id!];
          const element = b.element!.type === "static_select" ? { type: "static_select", selected_option: value ? { value } : null } : { type: "plain_text_input", value: value ?? null };
          return [b.block_id!, { value: element }];
        }),
      );
      const reply = await t.interact(viewSubmissionPayload({ user_id: user(person), callback_id: modal.callback_id, private_metadata: modal.private_metadata, values: state }));
      if (reply.json?.response_action === "errors") return { text: plain(Object.values(reply.json.errors as Record<string, string>).join("\n")), refused: true };
      modals.delete(person);
      return answerOf({ blocks: (reply.json?.view as Modal | undefined)?.blocks ?? [] });
    },
    async click(person, button, on) {
      const message = shownAs.get(on);
      const element = message?.elements.find((e) => label(e) === button);
      if (!message || !element) throw new Error(`slack: that message shows no “${button}” button`);
      const trigger = newTriggerId();
      const responseId = randomBytes(6).toString("hex");
      const payload = blockActionPayload({
        user_id: user(person),
        action_id: element.action_id!,
        value: element.value!,
        trigger_id: trigger,
        channel_id: message.channel,
        message_ts: message.ts,
        response_url: t.fake.responseUrl(responseId),
      });
      const reply = await t.interact(payload);
      if (reply.status !== 200) throw new Error(`slack: the bot answered a click with HTTP ${reply.status}`);
      return followUp(person, trigger, responseId);
    },
    messagesTo: async (person) => conversation(user(person)),
    channelMessages: async (recipient) => conversation(channelOf(recipient, "slack")),
    auditLog: () => verifyAuditLog(t.bot.store),
    async settle() {
      await t.bot.runDeadlines();
      await settleOutbox(t.bot, t.clock);
    },
    async stop() {
      await t.stop();
      if (t.fake.violations.length) throw new Error(`the bot broke Slack's rules: ${t.fake.violations.join(" | ")}`);
    },
  });
}
