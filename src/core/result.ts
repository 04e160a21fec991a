/**
 * Expected outcomes are values, not exceptions: every refusal carries a stable `code` that tests
 * and logs can rely on, and a `message` written for the person who asked. Only bugs throw.
 */
export type Result<T> = { ok: true; value: T } | Failure;

export interface Failure {
  ok: false;
  /** Stable machine-readable code, e.g. "access.not_screened". Never reworded. */
  code: string;
  /** One or two sentences for the person: what was wrong and what to do about it. */
  message: string;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): Failure => ({ ok: false, code, message });
