import { createHash } from "node:crypto";
import { languageOf } from "./i18n/language.js";
import { translator, type Translator } from "./i18n/translator.js";
import type { CommandName } from "./access/commands.js";
import { authorise } from "./access/policy.js";
import type { Command } from "./commands/command.js";
import { findMember, type Directory, type Member, type Platform } from "./directory/types.js";
import type { Failure } from "./result.js";
import { ConflictError, StoreUnavailableError, type Clock, type Store, type Transaction } from "./ports.js";
import type { CommandContext } from "./use-cases/context.js";
import { correctItem } from "./use-cases/correct-item.js";
import { lookupIndicator } from "./use-cases/lookup-indicator.js";
import { showHelp } from "./use-cases/show-help.js";
import { submitForm } from "./use-cases/submit-form.js";
import { submitIndicators } from "./use-cases/submit-indicators.js";
import { refusal, type Reply } from "./views/message.js";
import { storeFailureView } from "./views/store-failure.js";
import { decideConsent, revokeConsent, withdrawRequest } from "./disclosure/decide-consent.js";
import { analysisForm, disclosureForm } from "./disclosure/forms.js";
import { requestDetail, requestsOverview } from "./disclosure/list-requests.js";
import { requestDisclosure } from "./disclosure/request-disclosure.js";
import { writeAnalysis } from "./disclosure/write-analysis.js";
import { runRoundCommand } from "./rounds/round-command.js";
import { requestsWithRounds } from "./rounds/show-round.js";
import { covenantStatus, giveNotice } from "./covenant-life/covenant-command.js";
import { consult } from "./consultation/consult.js";
import { withdrawals, withdrawnAt } from "./covenant-life/withdrawal.js";
import type { KnownBenign } from "./warninglists/known-benign.js";
import { steeringReport } from "./steering/report-command.js";
import { recordMeeting } from "./steering/record-meeting.js";
import { oversightCommand } from "./oversight/export-command.js";
import { exportCommand } from "./formats/export-command.js";
import { runReviewCommand, withReviews } from "./retention/show-reviews.js";
import { suggestCommand } from "./commands/suggest-command.js";

/** One command from one person on one chat platform. */
export interface ChatRequest {
  platform: Platform;
  userId: string;
  /**
   * The platform's id for this request (Slack's trigger_id, a modal's view id). A retried
   * delivery by the same person carries the same key and gets the first answer back instead of
   * a second execution; the answer is kept under this key and the person (`receiptKey`).
   */
  requestKey: string;
  command: Command;
  /** The command as typed, for the audit log. */
  text: string;
  /** The platform's retry counter, when it says this is a redelivery. */
  retry?: number;
}

/** Command text kept in the audit log; longer text is cut, and its full hash kept. */
const AUDIT_TEXT_LIMIT = 4000;

/**
 * Commands that may take longer than a chat platform waits (a report over a large period, a whole
 * export): they keep the store's own, longer time limit and are answered late ("Working on it…").
 */
const LONG_COMMANDS: ReadonlySet<Command["name"]> = new Set(["report", "oversight", "export"]);

/**
 * Commands whose entries take the log's head when they commit (Store.transaction's
 * auditAtCommit) instead of when they first append, so that a burst of them does not queue behind
 * one another, and other instances' commands behind them, on PostgreSQL, where every appending
 * transaction waits for the head's lock.
 *
 * - Commands that change nothing but the audit log and their receipt: they read, and log that
 *   they did. Their answer rests on what was committed when they read, like any read.
 * - `submit`: its only shared state is the items, guarded by their unique heads (two submissions of
 *   one value by one party: the second is retried and finds the first). It takes the head itself
 *   (`holdHead`) before it compares across parties, so that of two parties submitting one value at
 *   once the later learns of the earlier, as when the head was taken first.
 *
 * Any other command that writes must not be listed here without such a reason.
 */
const HEAD_AT_COMMIT: ReadonlySet<Command["name"]> = new Set(["help", "lookup", "requests", "covenant", "submit"]);

/** How one command ended, for the operators' metrics and log. */
export interface CommandOutcome {
  platform: Platform;
  command: Command["name"];
  /**
   * `done`: answered (a form, a message); `refused`: answered with a refusal (`code`);
   * `unavailable`: the database did not answer in time and the person was told to try again;
   * `error`: a bug, answered by the adapter with a reference.
   */
  outcome: "done" | "refused" | "unavailable" | "error";
  code?: string;
  /** Wall-clock time the command took, in ms (not the injected clock, which tests hold still). */
  ms: number;
  /** What went wrong, for `unavailable` and `error`. */
  error?: unknown;
}

/**
 * The one entry point for commands from every platform: recognise the member, log the command,
 * apply the covenant's access rules, run the use case, and remember the answer — all in one
 * transaction, so a command is either fully recorded or not at all.
 */
export function createCommandService(deps: {
  store: Store;
  clock: Clock;
  /**
   * `commandMs`: how long one command's transaction may take, waiting for the database included,
   * before the answer is "nothing was changed, try again"; long commands keep the store's limit.
   */
  limits?: { commandMs: number };
  /** Told how each command ended (for metrics and the log); must not throw. */
  observe?: (outcome: CommandOutcome) => void;
  /** Known-benign values (MISP warninglists) to flag on submit and look-up; none when absent. */
  knownBenign?: KnownBenign;
}) {
  const { store, clock } = deps;

  async function handle(request: ChatRequest): Promise<Reply> {
    const started = performance.now();
    const tell = (outcome: CommandOutcome["outcome"], extra: { code?: string; error?: unknown } = {}) =>
      deps.observe?.({ platform: request.platform, command: request.command.name, outcome, ms: performance.now() - started, ...extra });
    try {
      const reply = await transact(request);
      const code = refusalCode(reply);
      tell(code ? "refused" : "done", { code });
      return reply;
    } catch (error) {
      // A database that did not answer in time is an operational fault with an answer of its
      // own, not a bug: the person is told whether anything changed and to try again.
      if (!(error instanceof StoreUnavailableError)) {
        tell("error", { error });
        throw error;
      }
      const reply = unavailable(error, readerOf(request));
      tell("unavailable", { code: refusalCode(reply), error });
      return reply;
    }
  }

  function transact(request: ChatRequest): Promise<Reply> {
    const timeoutMs = LONG_COMMANDS.has(request.command.name) ? undefined : deps.limits?.commandMs;
    return store.transaction(async (tx) => {
      const now = clock.now();
      const receipt = receiptKey(request);
      const previous = await tx.receipts.find(receipt);
      if (previous) {
        const record = await tx.directory.current();
        const actor = (record && findMember(record.directory, request.platform, request.userId)?.id) ?? `${request.platform}:${request.userId}`;
        await tx.audit.append(
          [{ action: "command.repeated", actor, details: { requestKey: request.requestKey, retry: request.retry ?? null } }],
          now,
        );
        return replyOfReceipt(previous);
      }
      const { reply, admitted } = await answer(tx, request, now);
      // A refusal at the door (no directory, not in it, no right to this command) changes
      // nothing, and may not hold once the directory changes: it is not remembered, so that the
      // same button clicked after a renewed screening is answered anew.
      if (admitted) await tx.receipts.save(receipt, JSON.stringify(reply), now);
      return reply;
    }, { timeoutMs, auditAtCommit: HEAD_AT_COMMIT.has(request.command.name) });
  }

  /**
   * The directory last read, for what is said without reading it: when the database does not
   * answer, the person is told so in the language the directory gave them.
   */
  let lastDirectory: Directory | undefined;
  /** The texts a chat user reads under `directory`: their language, else the directory's. */
  const readerIn = (directory: Directory | undefined, platform: Platform, userId: string): Translator =>
    translator(languageOf(directory && findMember(directory, platform, userId), directory));
  /** Who asked, in the language of the directory last read; undefined before it was read once. */
  const readerOf = (request: Pick<ChatRequest, "platform" | "userId">): Translator | undefined =>
    lastDirectory && readerIn(lastDirectory, request.platform, request.userId);

  /** The answer to a request, and whether the member was admitted to the command at all. */
  async function answer(tx: Transaction, request: ChatRequest, now: Date): Promise<{ reply: Reply; admitted: boolean }> {
    const record = await tx.directory.current();
    if (record) lastDirectory = record.directory;
    const member = record ? findMember(record.directory, request.platform, request.userId) : undefined;
    const actor = member?.id ?? `${request.platform}:${request.userId}`;
    // Refusals at the door are in the asker's language: a stranger reads the directory's.
    const t = readerIn(record?.directory, request.platform, request.userId);
    await tx.audit.append(
      [
        {
          action: "command.received",
          actor,
          subject: `command:${request.command.name}`,
          details: {
            platform: request.platform,
            userId: request.userId,
            requestKey: request.requestKey,
            retry: request.retry ?? null,
            text: request.text.slice(0, AUDIT_TEXT_LIMIT),
            textLength: request.text.length,
            // Only a text cut short gets the digest of the whole: of a short one ("lookup 1.2.3.4")
            // the digest would give the value away once the sealed text is destroyed (issue 17),
            // and the text itself is whole.
            ...(request.text.length > AUDIT_TEXT_LIMIT ? { textSha256: createHash("sha256").update(request.text).digest("hex") } : {}),
          },
        },
      ],
      now,
    );
    // The entry above took the log's head (unless the command takes it at commit), which a
    // directory load holds until it commits: a load that committed while this command waited for
    // the head is in force now, and the command is judged by it (a liaison just removed does not
    // decide). Run again from the start, it reads that directory.
    if (record && !HEAD_AT_COMMIT.has(request.command.name) && (await tx.directory.currentVersion()) !== record.version) {
      throw new ConflictError("a directory was loaded while the command waited for the audit log");
    }
    if (!record) {
      await tx.audit.append([{ action: "access.refused", actor, details: { code: "directory.missing" } }], now);
      const reply = refusal("directory.missing", t.text("commands.directory_missing"));
      return { reply, admitted: false };
    }
    const { directory } = record;
    const withdrawn = withdrawnAt(await withdrawals(tx.audit), now);
    const denied = authorise(member, permissionFor(request.command), {
      now,
      screeningValidityYears: directory.covenant.screeningValidityYears,
      withdrawn,
      t,
    });
    if (denied) {
      await tx.audit.append([{ action: "access.refused", actor, subject: `command:${request.command.name}`, details: { code: denied.code } }], now);
      return { reply: refusal(denied.code, denied.message), admitted: false };
    }
    if (!member) throw new Error("the access policy admitted someone who is not in the directory");
    const ctx: CommandContext = { tx, member, directory, now, via: `${request.platform}:/ciic ${request.command.name}`, platform: request.platform, withdrawn, t, benign: deps.knownBenign };
    return { reply: await run(ctx, request.command), admitted: true };
  }

  /**
   * Who a chat user is, for work that runs outside a single command transaction (a file import):
   * the member and the directory in force, or the refusal to show.
   */
  async function identify(platform: Platform, userId: string): Promise<{ member: Member; directory: Directory } | Failure> {
    const record = await store.directory.current();
    if (!record) return { ok: false, code: "directory.missing", message: readerIn(undefined, platform, userId).text("commands.directory_missing_short") };
    lastDirectory = record.directory;
    const member = findMember(record.directory, platform, userId);
    const t = readerIn(record.directory, platform, userId);
    const withdrawn = withdrawnAt(await withdrawals(store.audit), clock.now());
    const denied = authorise(member, "import", { now: clock.now(), screeningValidityYears: record.directory.covenant.screeningValidityYears, withdrawn, t });
    if (denied || !member) {
      const failure = denied ?? { ok: false as const, code: "access.unknown_user", message: t.text("commands.access.unknown_user_short") };
      await store.transaction((tx) =>
        tx.audit.append([{ action: "access.refused", actor: member?.id ?? `${platform}:${userId}`, subject: "command:import", details: { code: failure.code } }], clock.now()),
      );
      return failure;
    }
    return { member, directory: record.directory };
  }

  /**
   * The texts a chat user reads (their language, else the directory's), for a form a button opens
   * before any command runs: the reason asked on Deny.
   */
  async function textsFor(platform: Platform, userId: string): Promise<ReturnType<typeof translator>> {
    const record = await store.directory.current();
    if (record) lastDirectory = record.directory;
    return readerIn(record?.directory, platform, userId);
  }

  /**
   * The texts a chat user read when the directory was last read, without reading the database:
   * for what an adapter says itself when the core did not answer (the database is away, a bug).
   * Before the directory was read once, nobody's language is known: English, as for the
   * database's own "did not answer" (see `unavailable`).
   */
  function lastKnownTexts(platform: Platform, userId: string): Translator {
    return readerOf({ platform, userId }) ?? translator("en");
  }

  return { handle, identify, textsFor, lastKnownTexts };
}

/**
 * Where the answer to a request is kept for its retries: the platform's request id together with
 * the person who sent it. A platform's id alone (Slack's trigger_id) is not secret — it travels
 * in payloads and logs — and someone else presenting it must not be served the first person's
 * answer (their items, their requests), only an answer of their own. JSON keeps the three parts
 * apart whatever characters an id holds.
 */
export function receiptKey(request: Pick<ChatRequest, "platform" | "userId" | "requestKey">): string {
  return JSON.stringify([request.platform, request.userId, request.requestKey]);
}

/** The stable code of a refusal (see views/message.ts `refusal`), or undefined for any other reply. */
export function refusalCode(reply: Reply): string | undefined {
  return reply.kind === "message" ? reply.view.refused : undefined;
}

/**
 * A saved answer, read back. Receipts are kept, and those saved before a view said it was a
 * refusal (`refused`) say so only by their first block, an error notice with its code: read
 * from there for them alone.
 */
function replyOfReceipt(saved: string): Reply {
  const reply = JSON.parse(saved) as Reply;
  if (reply.kind !== "message" || reply.view.refused !== undefined) return reply;
  const first = reply.view.blocks[0];
  if (first?.kind === "notice" && first.tone === "error" && first.code) reply.view.refused = first.code;
  return reply;
}

/**
 * The answer when the database did not answer in time, or had no room to write (its disk is
 * full). Nothing is stored, so no receipt either.
 * It is in the asker's language as the directory last read gave it; before the bot has read the
 * directory once, nobody's language can be known (it is in the database that does not answer),
 * and the answer is English, as the operators' texts are.
 */
function unavailable(error: StoreUnavailableError, t: Translator = translator("en")): Reply {
  return { kind: "message", view: storeFailureView(error, t) };
}

function permissionFor(command: Command): CommandName {
  return command.name === "unknown" ? "help" : command.name;
}

async function run(ctx: CommandContext, command: Command): Promise<Reply> {
  switch (command.name) {
    case "help":
      return showHelp(ctx);
    case "submit":
      return command.input ? submitIndicators(ctx, command.input) : { kind: "form", form: submitForm(ctx.t) };
    case "lookup":
      return lookupIndicator(ctx, command.text);
    case "correct":
      return correctItem(ctx, command.input);
    case "analysis":
      return command.input ? writeAnalysis(ctx, command.input) : { kind: "form", form: analysisForm(ctx.t) };
    case "disclose":
      if (command.input) return requestDisclosure(ctx, command.input);
      return ctx.directory.recipients.length > 0
        ? { kind: "form", form: disclosureForm(ctx.t, ctx.directory) }
        : refusal("disclosure.no_recipients", ctx.t.text("commands.no_recipients"));
    case "requests": {
      const listed = await requestsWithRounds(ctx, command.ref, () => (command.ref ? requestDetail(ctx, command.ref) : requestsOverview(ctx)));
      // Retention reviews wait for a party's liaisons too, the overdue ones marked (Wiv 2017).
      const view = command.ref ? listed : await withReviews(ctx, listed);
      if (command.leftAside) view.blocks.push({ kind: "paragraph", content: [ctx.t.text("disclosure.detail.left_aside", { ref: command.ref!.slice(0, 20) })] });
      await ctx.tx.audit.append([{ action: "requests.listed", actor: ctx.member.id, details: { request: command.ref?.slice(0, 20) ?? null } }], ctx.now);
      return { kind: "message", view };
    }
    case "withdraw":
      return withdrawRequest(ctx, command.ref, command.reason);
    case "revoke":
      return revokeConsent(ctx, command.ref, command.reason);
    case "decide":
      return decideConsent(ctx, command.askId, command.choice);
    case "covenant":
      return covenantStatus(ctx);
    case "consult":
      return consult(ctx, command.input);
    case "notice":
      return giveNotice(ctx, command.reason);
    case "comms":
    case "amend":
    case "agree":
      return runRoundCommand(ctx, command);
    case "report":
      return steeringReport(ctx, command.period);
    case "meeting":
      return recordMeeting(ctx, command);
    case "oversight":
      return oversightCommand(ctx, command.action);
    case "export":
      return exportCommand(ctx, command.text);
    case "review":
      return runReviewCommand(ctx, command);
    case "unknown": {
      const word = command.word.slice(0, 40);
      await ctx.tx.audit.append([{ action: "command.unknown", actor: ctx.member.id, details: { word } }], ctx.now);
      // A Dutch word for a command, a slip of the keys or a value typed alone: said, not run.
      const meant = suggestCommand(command.word);
      return refusal("command.unknown", meant ? ctx.t.text("commands.unknown_suggest", { word, command: meant }) : ctx.t.text("commands.unknown", { word }));
    }
  }
}

export type CommandService = ReturnType<typeof createCommandService>;
