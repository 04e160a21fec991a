import { randomUUID } from "node:crypto";
import type { ChatRequest, CommandService } from "../core/command-service.js";
import type { Platform } from "../core/directory/types.js";
import type { Translator } from "../core/i18n/translator.js";
import type { MessageView, Reply } from "../core/views/message.js";
import type { Logger } from "../logger.js";

/**
 * How long (ms) a click or a form waits for the core's decision before its sender is told that
 * nothing was decided. Slack gives up on a request it has no answer to after 3 s (and Bolt then
 * answers 404 itself, at 3,001 ms); the answer needs some of that time on the network. The other
 * platforms wait longer, but their members are served the same bound, so that a click means the
 * same thing everywhere. It is a net under the command service's own limit for a command's
 * transaction (2.5 s by default), which answers first, and certainly: "nothing was changed". This
 * bound catches what that limit does not (an operator's longer limit, a process too busy to
 * notice), and can then only say "not decided, as far as the bot knows".
 */
export const DECIDE_WITHIN_MS = 2700;

/** The refusal codes of the command service when the database did not answer in time. */
export const STORE_UNAVAILABLE = "store.unavailable";
/** … and when the time ran out while the database was committing: whether it landed is unknown. */
export const STORE_UNCONFIRMED = "store.unconfirmed";
/** … and when the database had no room to write (its disk is full): nothing changed. */
export const STORE_FULL = "store.full";

/**
 * What became of one request:
 * - `answered`: the core answered it. Its transaction committed (a decision, a refusal that was
 *   audited), or it was refused at the door; either way the reply says which.
 * - `unavailable`: the database did not answer in time, or had no room to write (`diskFull`), and
 *   the core said so (a refusal, or a thrown error with the same code); nothing changed, unless
 *   the time ran out while the database was committing (`inDoubt`): then whether it landed is
 *   not known.
 * - `failed`: the core threw (a bug, or a database error); its transaction was rolled back.
 * - `late`: no answer within the bound. The request still runs and may yet commit or fail;
 *   `settled` says which.
 */
export type Outcome =
  | { kind: "answered"; reply: Reply }
  | { kind: "unavailable"; ref: string; inDoubt?: boolean; diskFull?: boolean }
  | { kind: "failed"; ref: string }
  | { kind: "late"; ref: string; settled: Promise<Outcome> };

/** The code of a reply that is a refusal, if any. */
const codeOf = (reply: Reply) => (reply.kind === "message" && reply.view.blocks[0]?.kind === "notice" ? reply.view.blocks[0].code : undefined);

/**
 * Runs requests through the core for one platform, logging each (its command, how it ended and
 * how long it took, never its text) under a reference that is also what a member is shown when
 * it fails, so that an operator can find it.
 */
export function requestRunner(deps: { service: CommandService; logger: Logger; platform: Platform }) {
  const { service, platform } = deps;

  /** Starts one request; `within(ms)` is its outcome if it settles in time, else `late`. */
  function start(request: Omit<ChatRequest, "platform">) {
    const ref = randomUUID();
    const log = deps.logger.child({ requestId: ref, platform, user: request.userId });
    const started = Date.now();
    const settled: Promise<Outcome> = service.handle({ platform, ...request }).then(
      (reply): Outcome => {
        const code = codeOf(reply);
        if (code === STORE_FULL) {
          log.warn({ command: request.command.name, ms: Date.now() - started }, "command not carried out: the database has no room to write (its disk is full)");
          return { kind: "unavailable", ref, diskFull: true };
        }
        if (code === STORE_UNAVAILABLE || code === STORE_UNCONFIRMED) {
          // Said in the words of what the person did (a click, a form), with a reference.
          const inDoubt = code === STORE_UNCONFIRMED;
          log.warn({ command: request.command.name, inDoubt, ms: Date.now() - started }, "command not carried out: the database did not answer in time");
          return { kind: "unavailable", ref, inDoubt };
        }
        log.info({ command: request.command.name, reply: reply.kind, ms: Date.now() - started }, "command answered");
        return { kind: "answered", reply };
      },
      (error: unknown): Outcome => {
        const code = (error as { code?: unknown } | null)?.code;
        if (code === STORE_UNAVAILABLE) {
          // An operational fault, not a bug: the database did not answer in time, or had no room
          // to write. Nothing was committed, unless the time ran out while it was committing (`inDoubt`).
          const inDoubt = (error as { inDoubt?: unknown }).inDoubt === true;
          const diskFull = (error as { diskFull?: unknown }).diskFull === true;
          log.warn({ err: error, command: request.command.name, inDoubt, ms: Date.now() - started }, diskFull ? "command not carried out: the database has no room to write (its disk is full)" : "command not carried out: the database did not answer in time");
          return { kind: "unavailable", ref, inDoubt, ...(diskFull ? { diskFull } : {}) };
        }
        log.error({ err: error, command: request.command.name, ms: Date.now() - started }, "command failed");
        return { kind: "failed", ref };
      },
    );
    return {
      ref,
      log,
      settled,
      /** The outcome if the request settles within `ms` (0: at once); `late` otherwise. */
      async within(ms: number): Promise<Outcome> {
        let timer: NodeJS.Timeout | undefined;
        const late: Outcome = { kind: "late", ref, settled };
        // 0 means "do not wait at all" (a test that makes every command slow), not "one tick".
        const outcome = ms <= 0 ? late : await Promise.race([settled, new Promise<Outcome>((resolve) => (timer = setTimeout(resolve, ms, late)))]);
        clearTimeout(timer);
        return outcome;
      },
      /**
       * Its sender was told that nothing was done, while it still runs. Someone told so must not
       * be left unaware of a decision made after all: the operators' log says so, and the reply
       * comes back here for the adapter to pass on where its platform lets it.
       */
      async toldNotDone(): Promise<Reply | undefined> {
        log.warn({ command: request.command.name, ms: Date.now() - started }, "command not carried out in time; its sender was told that nothing was done");
        const final = await settled;
        if (final.kind !== "answered") return undefined;
        log.warn({ command: request.command.name, ms: Date.now() - started }, "command carried out after all, after its sender was told that nothing was done");
        return final.reply;
      },
    };
  }

  return { start };
}

/** What a person did that was not carried out: a click decides, a form records, a command changes. */
export type Attempt = "click" | "form" | "command";

/**
 * The one sentence a person reads when what they did was not carried out, and what to do. Where
 * the bot cannot know (the time ran out while the database was committing, or the request still
 * runs), it says so: doing it again is safe for a click or a form, which the core answers with the
 * decision already made; a typed command may not be, so its sender is sent to look first.
 */
export function notCarriedOut(outcome: Exclude<Outcome, { kind: "answered" }>, attempt: Attempt, t: Translator): string {
  const reference = t.text("adapters.reference", { ref: outcome.ref });
  const uncertain = outcome.kind === "late" || (outcome.kind === "unavailable" && outcome.inDoubt);
  if (uncertain) return t.text("adapters.uncertain", { attempt, reference });
  if (outcome.kind === "failed") return t.text("adapters.failed", { attempt, ref: outcome.ref });
  return t.text(outcome.diskFull ? "adapters.disk_full" : "adapters.unavailable", { attempt, reference });
}

/**
 * The value of `promise` if it settles within `ms`, else undefined while it runs on; a rejection
 * passes through. For the reads an adapter makes itself before a request reaches the core.
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise.then((value) => ({ value })), new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A chat user's texts for what an adapter says before the core answers (an import's "looking for
 * the file"): read from the directory, or, when the database does not answer within `ms`, in the
 * language last known for them.
 */
export async function textsOfUser(service: CommandService, platform: Platform, userId: string, ms = 500): Promise<Translator> {
  const read = await settleWithin(service.textsFor(platform, userId).catch(() => undefined), ms);
  return read?.value ?? service.lastKnownTexts(platform, userId);
}

/** Said before a reply that came after its sender was told that nothing was decided. */
export const carriedOutAfterAll = (t: Translator) => t.text("adapters.carried_out_after_all");

/** A view of one error notice, for platforms that render views. */
export const errorView = (text: string): MessageView => ({ summary: text, blocks: [{ kind: "notice", tone: "error", content: [text] }] });
