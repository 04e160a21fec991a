import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, chainEvents, verifyChain, type AuditEntry } from "../../src/core/audit/chain.js";
import { makeWellFormed, wellFormed } from "../../src/core/text/well-formed.js";

/** What a database gives back of a string: its UTF-8 bytes, read again. */
const throughUtf8 = (text: string) => Buffer.from(text, "utf8").toString("utf8");

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
const anyText = fc.string({ unit: fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), loneSurrogate), maxLength: 30 });
const wellFormedText = fc.string({ unit: "binary", maxLength: 30 });

describe("wellFormed", () => {
  it("replaces each lone surrogate with one U+FFFD and keeps pairs and everything else", () => {
    expect(wellFormed("correct \ud800")).toBe("correct \ufffd");
    expect(wellFormed("\udfff\ud83d\ude00\ud83d")).toBe("\ufffd\ud83d\ude00\ufffd");
    expect(wellFormed("plain text, é, 😀")).toBe("plain text, é, 😀");
  });

  it("gives text that survives UTF-8 unchanged, and leaves well-formed text as it is", () => {
    fc.assert(fc.property(anyText, (text) => throughUtf8(wellFormed(text)) === wellFormed(text)));
    fc.assert(fc.property(wellFormedText, (text) => wellFormed(text) === text));
  });
});

describe("makeWellFormed", () => {
  it("cleans every string of a parsed payload in place, keys included, keeping the objects others hold", () => {
    const body = JSON.parse('{"user":{"id":"U1"},"view":{"state":{"values":{"note\\ud800":{"value":{"value":"seen \\udc00"}}}}},"actions":["a\\ud800",{"value":"\\udfff"}],"n":1}');
    const view = body.view;
    const action = body.actions[1];
    makeWellFormed(body);
    expect(body.view).toBe(view);
    expect(body.actions[1]).toBe(action);
    expect(view.state.values).toEqual({ "note\ufffd": { value: { value: "seen \ufffd" } } });
    expect(body.actions).toEqual(["a\ufffd", { value: "\ufffd" }]);
    expect(body).toMatchObject({ user: { id: "U1" }, n: 1 });
  });

  it("keeps a key named __proto__ an ordinary field, and survives deep nesting and cycles", () => {
    const sneaky = JSON.parse('{"__proto__":{"polluted":"\\ud800"}}');
    makeWellFormed(sneaky);
    expect(Object.getPrototypeOf(sneaky)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(sneaky, "__proto__")?.value).toEqual({ polluted: "\ufffd" });
    const deep = JSON.parse(`${"[".repeat(100_000)}"\\ud800"${"]".repeat(100_000)}`);
    expect(() => makeWellFormed(deep)).not.toThrow();
    const cyclic: Record<string, unknown> = { text: "\ud800" };
    cyclic.self = cyclic;
    expect(makeWellFormed(cyclic).text).toBe("\ufffd");
  });
});

describe("the audit chain and ill-formed text", () => {
  it("records entries that verify after a trip through UTF-8 storage, whatever text they carry", async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, async (actor, subject, detail) => {
        const entries = chainEvents({ seq: 0, hash: GENESIS_HASH }, [{ action: "command.received", actor, subject, details: { text: detail, [detail]: 1 } }], new Date());
        const stored: AuditEntry[] = entries.map((e) => ({ ...e, actor: throughUtf8(e.actor!), subject: throughUtf8(e.subject!), details: throughUtf8(e.details) }));
        const last = entries[entries.length - 1];
        expect(await verifyChain(stored, { seq: last.seq, hash: last.hash })).toMatchObject({ ok: true });
        expect(JSON.parse(stored[0].details).text).toBe(wellFormed(detail));
      }),
    );
  });

  it("records well-formed events exactly as before, so that existing logs still verify", () => {
    fc.assert(
      fc.property(wellFormedText, wellFormedText, (actor, text) => {
        const [entry] = chainEvents({ seq: 0, hash: GENESIS_HASH }, [{ action: "x.y", actor, subject: text, details: { text, n: 1 } }], new Date(0));
        expect(entry).toMatchObject({ actor, subject: text, details: JSON.stringify({ text, n: 1 }) });
      }),
    );
  });
});
