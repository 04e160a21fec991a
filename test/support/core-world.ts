import { decodeUpdate, rowView, updateViewFor } from "../../src/core/outbox/payload.js";
import { afterEach, expect } from "vitest";
import { verifyChain } from "../../src/core/audit/chain.js";
import { createCommandService, type CommandService } from "../../src/core/command-service.js";
import { parseCommandText, type Command } from "../../src/core/commands/command.js";
import { commandFromAction, commandFromForm, formForAction } from "../../src/core/commands/form-command.js";
import { loadDirectory } from "../../src/core/use-cases/load-directory.js";
import type { MessageView, Reply } from "../../src/core/views/message.js";
import { auditEntries, testStore, type TestStore } from "./test-store.js";
import { testClock, type TestClock } from "./test-clock.js";

/** The core as a Slack member uses it: the command service on a real store (SQLite), with a clock the test moves. */
export interface CoreWorld {
  store: TestStore;
  clock: TestClock;
  service: CommandService;
  /** `/ciic <text>` typed by the member. */
  as(userId: string, text: string): Promise<Reply>;
  /** A command as it reached the core some other way (a form, a button). */
  run(userId: string, command: Command, text: string): Promise<Reply>;
  /** A click as the platforms deliver it: the button's action id and value, then the note form when it opens one. */
  click(userId: string, action: string, value: string, note?: string): Promise<Reply>;
}

let serial = 0;

/**
 * Makes worlds for one test file: each with the given directory loaded at `start`. Whatever a
 * test did, the audit chain it left behind must verify; that is checked after each test.
 */
export function coreWorlds(): (directory: string, start: string | number | Date) => Promise<CoreWorld> {
  const worlds: CoreWorld[] = [];
  afterEach(async () => {
    for (const w of worlds.splice(0)) {
      try {
        expect(await verifyChain(await auditEntries(w.store), await w.store.audit.head())).toMatchObject({ ok: true });
      } finally {
        await w.store.close();
      }
    }
  });
  return async (directory, start) => {
    const store = await testStore();
    const clock = testClock(start);
    const service = createCommandService({ store, clock });
    const run = (userId: string, command: Command, text: string) => service.handle({ platform: "slack", userId, requestKey: `slack:test:${++serial}`, command, text });
    const w: CoreWorld = {
      store,
      clock,
      service,
      run,
      as: (userId, text) => run(userId, parseCommandText(text), text),
      async click(userId, action, value, note) {
        const form = await formForAction(action, value, () => service.textsFor("slack", userId));
        const command = form ? commandFromForm(form.id, { note }, form.metadata ?? "") : commandFromAction(action, value);
        if (!command) throw new Error(`the button ${action} ${value} could not be read`);
        return run(userId, command, `[button] ${action} ${value}`);
      },
    };
    expect(await loadDirectory({ store, clock }, { text: directory, source: "directory.yml", actor: "cli:admin" })).toMatchObject({ ok: true });
    worlds.push(w);
    return w;
  };
}

// ---- what members were sent, read from the outbox ----

export type Sent = { kind: string; target: string; topic: string | null; view: MessageView; payload: string };

export const sent = (store: TestStore): Sent[] =>
  store.tables().outbox.map((r) => ({ kind: r.kind, target: r.target, topic: r.topic, view: rowView(r.kind, r.payload), payload: r.payload }));
/** The direct messages posted to a Slack user. */
export const dmsTo = (store: TestStore, slackId: string) => sent(store).filter((m) => m.kind === "post" && m.target === `user:${slackId}`);
/** What a message's copy shows now: its topic's latest update, or the message itself. */
export const shownNow = (store: TestStore, m: Sent) => {
  const update = sent(store).filter((u) => u.kind === "update" && u.topic === m.topic).at(-1);
  return update ? updateViewFor(decodeUpdate(update.payload), m.view.language) : m.view;
};
export const buttons = (v: MessageView) => v.blocks.flatMap((b) => (b.kind === "actions" ? b.actions : []));
