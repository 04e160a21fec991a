import type { ChainVerdict } from "../../src/core/audit/chain.js";

/**
 * What a shared scenario speaks through: the bot as one person at a time uses it on some chat
 * platform. A driver starts the real bot for its platform and turns each step into that
 * platform's own requests, and what the platform would show into plain text. Scenarios written
 * against this interface therefore run unchanged on every platform, so that no feature can exist
 * on one platform only.
 *
 * People are named by their directory member id (`id:` in test/fixtures/directory-all-platforms.yml);
 * the driver maps them to the platform's accounts. A name the directory does not know is used as
 * an account the bot will not find, so that refusals of strangers can be tried too.
 */
export type Person = string;

/** What a person reads after typing a command, clicking a button or submitting a form. */
export interface Answer {
  /** The answer as shown, as plain text (markup removed, escapes undone). */
  text: string;
  /** Shown as a refusal: the platform's "refused" mark, or a form kept open with an error. */
  refused: boolean;
  /** The refusal's stable code, where the answer shows one. */
  code?: string;
  /** The form the step opened instead of answering (a bare command, Deny, Object…). */
  form?: ShownForm;
}

export interface ShownForm {
  title: string;
  /** The ids of its fields, in order; `submitForm` takes values by these ids. */
  fields: string[];
}

/** One message in a person's direct messages or a channel, as it shows now. */
export interface ShownMessage {
  text: string;
  /** The labels of the buttons it shows now; a decided question shows none. */
  buttons: string[];
}

export interface ScenarioDriver {
  readonly platform: "slack" | "mattermost" | "local";
  /** `/ciic <text>` typed by a person. */
  command(person: Person, text: string): Promise<Answer>;
  /** A command that opens a form (e.g. a bare `submit`); fails when it answers instead. */
  openForm(person: Person, text: string): Promise<ShownForm>;
  /** Fills in and sends the form last opened for this person; a refused form stays open. */
  submitForm(person: Person, values: Record<string, string>): Promise<Answer>;
  /** Clicks the button labelled so on a message as the person saw it (a button may open a form). */
  click(person: Person, button: string, on: ShownMessage): Promise<Answer>;
  /** The person's direct messages from the bot, oldest first. */
  messagesTo(person: Person): Promise<ShownMessage[]>;
  /** What the recipient's channel on this platform holds, oldest first (by recipient id). */
  channelMessages(recipient: string): Promise<ShownMessage[]>;
  /** Lets the bot do what it does on its own: deadlines, then the outbox. */
  settle(): Promise<void>;
  /** What `ciic audit verify` reports on the bot's database now: the whole chain checked. */
  auditLog(): Promise<ChainVerdict>;
  /** Stops the bot; fails when the platform's fake saw the bot break one of its rules. */
  stop(): Promise<void>;
}

/** How a driver starts the bot: with the scenarios' directory, or one written from it (languages.ts). */
export interface DriverOptions {
  /** A directory file with the same people and channels, e.g. speaking another language. */
  directory?: string;
}

export type DriverFactory = (options?: DriverOptions) => Promise<ScenarioDriver>;

/**
 * A driver from its platform's steps: opening a form is typing the command that opens it, the
 * same on every platform, so it is written once here.
 */
export function driverOf(steps: Omit<ScenarioDriver, "openForm">): ScenarioDriver {
  return {
    ...steps,
    async openForm(person, text) {
      const answer = await steps.command(person, text);
      if (!answer.form) throw new Error(`${steps.platform}: “${text}” opened no form but answered: ${answer.text}`);
      return answer.form;
    },
  };
}
