// Bytes as code, debuggers and dumps write them, read back into the values they may be: a hash
// (16, 20 or 32 bytes), an IPv4 address (four of them, in either byte order), or text. Each is
// written out on a line of its own for the guard's readings (tool-forms.ts, composed).
//
// Every pattern with a repetition is bounded, so that no text makes them backtrack for long.

/** Runs of one kind read at most, so that a long text costs no more than a few of them. */
export const MOST_RUNS = 50;
/** What decoded bytes must be to be read as text: printable ASCII, four characters at least. */
export const PRINTABLE = /^[\x20-\x7e\t\r\n]{4,}$/;
// Or text beyond ASCII in UTF-8, as a Dutch or an English sentence is ("Melding é: …", curly
// quotes): valid UTF-8 with no control characters.
const UTF8 = new TextDecoder("utf-8", { fatal: true });
const PRINTABLE_UTF8 = /^(?:[^\p{C}]|[\t\r\n]){4,}$/u;

/** Bytes as the text they are, where they are printable text (ASCII, or UTF-8 beyond it); undefined otherwise. */
export function printableText(bytes: Uint8Array): string | undefined {
  const ascii = Buffer.from(bytes).toString("latin1");
  if (PRINTABLE.test(ascii)) return ascii;
  // A sentence is mostly ASCII: bytes that are not (a hash, a key) are not decoded at all.
  let printable = 0;
  for (const byte of bytes) if (byte >= 0x20 && byte < 0x7f) printable++;
  if (printable * 4 < bytes.length * 3) return undefined;
  try {
    const text = UTF8.decode(bytes);
    return PRINTABLE_UTF8.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

// Bytes written one by one: "\xd4\x1d\x8c…" (a hash in code or a debugger).
const ESCAPED_BYTES = /(?:\\x[0-9a-f]{2}){16,64}/gi;
// Fewer, as shellcode and a sockaddr write an address ("\\xcb\\x00\\x71\\x09").
const FEW_ESCAPED_BYTES = /(?<!\\x[0-9a-f]{2})(?:\\x[0-9a-f]{2}){4,15}(?!\\x[0-9a-f]{2})/gi;
// A few bytes in hex, spaced or with colons, as a packet or a sockaddr is shown ("02 00 01 bb cb 00 71 09", "cb:00:71:09").
const FEW_HEX_BYTES = /(?<![0-9a-f:])[0-9a-f]{2}(?:[ :][0-9a-f]{2}){3,15}(?![0-9a-f:])/gi;
// Python's bytes as it prints them: escapes for some bytes, the character itself for printable ones
// (hashlib's digest(): "b'\\x17l]0\\x15\\xc9…'").
const BYTES_LITERAL = /\bb(['"])((?:\\x[0-9a-f]{2}|\\[\\'"nrt0]|[^\\\n'"]){4,128})\1/gi;
// Across the lines of an array as code formats it ("{\n  0x1c, 0xb2, …,\n  0x64, … }").
const LISTED_BYTES = /0x[0-9a-f]{2}(?:[ \t\r\n]{0,12},?[ \t\r\n]{0,12}0x[0-9a-f]{2}){15,63}/gi;
// Bytes or character codes as lists of numbers, as code and debuggers print them: Java's signed
// bytes ("[23, 108, -55, …]"), Python's and Rust's ("[28, 178, …]", "bytes([…])"), C's hex
// ("{0x68, 0x74, …}" shorter than a hash), "String.fromCharCode(104, 116, …)". Four at least.
const NUMBER_LIST = /(?<![\w.-])(?:(?:-?\d{1,3}|0x[0-9a-f]{2})[ \t\r\n]{0,12},[ \t\r\n]{0,12}){3,511}(?:-?\d{1,3}|0x[0-9a-f]{2})(?![\w.])/gi;
// Characters one by one: PowerShell's "[char]50+[char]48", VBA's "Chr(109) & Chr(105)", Python's "chr(109)+chr(105)",
// SQL's and a spreadsheet's "CHAR(109)+CHAR(105)", "=CHAR(109)&CHAR(105)".
const CHAR_CODES = /(?:(?:\[char\]|\b(?:chrw?\$?|n?char)\()[ ]{0,2}(\d{1,5})\)?[ ]{0,2}(?:[+&,]|\|\|)?[ ]{0,2}){3,512}/gi;
const CHAR_CODE = /(?:\[char\]|\b(?:chrw?\$?|n?char)\()[ ]{0,2}(\d{1,5})/gi;
// A line of a hex dump, as xxd, hexdump -C and debuggers write it: an offset, then the bytes in
// groups of one, two or four, then (not read) the same bytes as text. Sixteen bytes a line at most, so
// that a text column that happens to start with hex letters adds nothing.
const DUMP_GROUP = String.raw`(?:[0-9a-f]{8}|[0-9a-f]{4}|[0-9a-f]{2})(?![0-9a-f])`;
const HEX_DUMP_LINE = new RegExp(String.raw`^[ \t>]{0,8}(?:0x)?[0-9a-f]{4,16}:?[ \t]{1,3}(${DUMP_GROUP}(?:[ \t]{1,3}${DUMP_GROUP}){0,15})`, "i");
const MOST_DUMP_LINES = 256;
const BYTES_A_DUMP_LINE = 32;
const CHAR_CODE_MAY = /\[char\]|chrw?\$?\(|char\(/i;

/**
 * The values the bytes in a text may be, onto `lines`; text they decode to through `decodedText`,
 * which reads it again. `raw` is the text as written, its "\\x.." escapes not yet decoded.
 */
export function bytesIn(text: string, raw: string, lines: string[], decodedText: (text: string) => void): void {
  for (const dump of hexDumps(text)) {
    lines.push(dump);
    const decoded = Buffer.from(dump, "hex").toString("latin1").replace(/[\x00-\x1f\x7f-\xff]/g, ".");
    if (PRINTABLE.test(decoded)) decodedText(decoded);
  }
  if (raw.includes("\\x")) {
    for (const [run] of [...raw.matchAll(ESCAPED_BYTES)].slice(0, MOST_RUNS)) lines.push(run.replace(/\\x/gi, ""));
    for (const [run] of [...raw.matchAll(FEW_ESCAPED_BYTES)].slice(0, MOST_RUNS)) bytesRead(Buffer.from(run.replace(/\\x/gi, ""), "hex"), lines, decodedText);
  }
  for (const [run] of [...text.matchAll(FEW_HEX_BYTES)].slice(0, MOST_RUNS)) bytesRead(Buffer.from(run.replace(/[ :]/g, ""), "hex"), lines);
  if (raw.includes("b'") || raw.includes('b"')) for (const [, , body] of [...raw.matchAll(BYTES_LITERAL)].slice(0, MOST_RUNS)) bytesRead(bytesOfLiteral(body), lines, decodedText);
  if (text.includes(",")) {
    for (const m of [...text.matchAll(NUMBER_LIST)].slice(0, MOST_RUNS)) {
      // A list in brackets or in hex is an array; one in prose ("steps 10, 20, 30, 40") is not read as an address.
      const array = m[0].toLowerCase().includes("0x") || /[[{(][ \t\r\n]{0,12}$/.test(text.slice(Math.max(0, m.index - 13), m.index));
      listedNumbers(m[0], lines, decodedText, array);
    }
  }
  if (CHAR_CODE_MAY.test(text)) {
    for (const [run] of [...text.matchAll(CHAR_CODES)].slice(0, MOST_RUNS)) {
      const codes = [...run.matchAll(CHAR_CODE)].map((m) => Number(m[1]));
      if (codes.every((c) => c > 0x1f && c < 0x10000)) decodedText(String.fromCharCode(...codes));
    }
  }
  if (text.toLowerCase().includes("0x")) for (const [run] of [...text.matchAll(LISTED_BYTES)].slice(0, MOST_RUNS)) lines.push(run.replace(/0x|[\s,]/gi, ""));
}

/**
 * The bytes of each hex dump in a text, its lines joined, in hex: a hash dumped from a file
 * ("00000000: e3b0 c442 …  ...B…\n00000010: 27ae 41e4 …") is whole only so.
 */
function hexDumps(text: string): string[] {
  if (!text.includes("\n")) return [];
  const dumps: string[] = [];
  let bytes = "";
  let lines = 0;
  const end = () => {
    if (lines > 1) dumps.push(bytes);
    bytes = "";
    lines = 0;
  };
  for (const line of text.split("\n").slice(0, 10_000)) {
    const m = HEX_DUMP_LINE.exec(line);
    if (!m) {
      end();
      continue;
    }
    if (lines >= MOST_DUMP_LINES) end();
    bytes += m[1].replace(/[ \t]/g, "").slice(0, BYTES_A_DUMP_LINE).toLowerCase();
    lines++;
  }
  end();
  return dumps.slice(0, MOST_RUNS);
}

/**
 * A list of numbers as the bytes or characters it may stand for: text where every number is a
 * printable character; and where it is an array (`array`: in brackets, or in hex), a hash's bytes
 * (16, 20 or 32 of them) in hex and an IPv4 address where four bytes are, in either order, as a
 * sockaddr or a byte array holds it.
 */
function listedNumbers(run: string, lines: string[], decodedText: (text: string) => void, array: boolean) {
  const numbers = run.split(",").map((n) => n.trim()).map((n) => (n.toLowerCase().startsWith("0x") ? parseInt(n, 16) : Number(n)));
  if (numbers.some((n) => !Number.isInteger(n) || n < -128 || n > 0xffff)) return;
  if (numbers.every((n) => n > 0x1f && n < 0x7f) || (numbers.every((n) => n > 0x1f) && numbers.some((n) => n > 0xff))) decodedText(String.fromCharCode(...numbers));
  if (numbers.some((n) => n > 0xff) || !array) return;
  bytesRead(Buffer.from(numbers.map((n) => (n < 0 ? n + 256 : n))), lines);
}

/** Bytes as what they may be: a hash (16, 20 or 32 of them), an IPv4 address in either byte order where there are few, text where it is printable. */
function bytesRead(bytes: Buffer, lines: string[], decodedText?: (text: string) => void) {
  if ([16, 20, 32].includes(bytes.length)) lines.push(bytes.toString("hex"));
  if (bytes.length <= 16) for (let i = 0; i + 4 <= bytes.length; i++) lines.push([...bytes.subarray(i, i + 4)].join("."), [...bytes.subarray(i, i + 4)].reverse().join("."));
  const text = bytes.toString("latin1");
  if (decodedText && bytes.length >= 4 && PRINTABLE.test(text)) decodedText(text);
}

const LITERAL_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, "0": 0, "\\": 92, "'": 39, '"': 34 };
/** A Python bytes literal's body as its bytes. */
function bytesOfLiteral(body: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") bytes.push(body.charCodeAt(i) & 0xff);
    else if (body[i + 1] === "x" || body[i + 1] === "X") (bytes.push(parseInt(body.slice(i + 2, i + 4), 16)), (i += 3));
    else (bytes.push(LITERAL_ESCAPES[body[i + 1]] ?? body.charCodeAt(i + 1)), (i += 1));
  }
  return Buffer.from(bytes);
}
