/**
 * Text as it may be stored, hashed and shown: well-formed Unicode.
 *
 * A JavaScript string is a sequence of UTF-16 code units, and nothing stops a request from
 * carrying half of a surrogate pair (JSON's "\ud800" escape, for one). Such a string has no UTF-8
 * form: a database stores U+FFFD in its place, so what is read back differs from what was
 * written, and a hash computed before storing no longer matches (the audit chain then reads as
 * altered). Every adapter therefore passes what a person sent through these functions before the
 * core sees it, and the audit chain applies them once more to what it records.
 *
 * Ill-formed text is replaced, not refused: a lone surrogate becomes U+FFFD (the replacement
 * character), as a UTF-8 decoder does with a broken byte sequence, so a person who pasted a cut
 * emoji gets an answer about their command rather than about encodings. Values that must be exact
 * (indicators, ids) are checked by the core afterwards and refuse U+FFFD like any other stray
 * character.
 */

// Node 20 has both methods (V8 11.x); TypeScript declares them only from its ES2024 library,
// which would also admit APIs Node 20 lacks (Object.groupBy, Promise.withResolvers).
declare global {
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

/** The text with every lone surrogate replaced by U+FFFD; well-formed text comes back as it is. */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/**
 * A parsed payload (what JSON.parse, a form decoder or a framework made of a request) with every
 * string in it, object keys included, made well-formed — in place, because a framework may have
 * handed out parts of it already (Bolt's `view` is `body.view`): arrays and objects keep their
 * identity, their strings are replaced, and a key that is not well-formed is renamed. Walks with
 * its own stack, so that a deeply nested payload cannot exhaust the call stack. Returns `payload`.
 */
export function makeWellFormed<T>(payload: T): T {
  const pending: unknown[] = [payload];
  const seen = new WeakSet<object>();
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (typeof value[i] === "string") value[i] = wellFormed(value[i] as string);
        else pending.push(value[i]);
      }
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        const v = value[key];
        const fixedKey = wellFormed(key);
        if (fixedKey !== key) delete value[key];
        if (typeof v === "string") put(value, fixedKey, wellFormed(v));
        else {
          if (fixedKey !== key) put(value, fixedKey, v);
          pending.push(v);
        }
      }
    }
  }
  return payload;
}

/** Sets an own property; plain assignment would change the prototype for a key "__proto__". */
function put(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
