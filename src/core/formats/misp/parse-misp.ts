import type { Readable } from "node:stream";
import { strictestTlp } from "../../covenant/tlp.js";
import { guardedUtf8 } from "../guard.js";
import { MalformedFileError, type ParseEvent } from "../types.js";
import { eventRef } from "./attribute.js";
import { JsonTokens } from "./json-tokens.js";
import { MispWalker, type EventEnd } from "./walker.js";

/**
 * Reads a MISP event export — `{"Event": …}`, a bare event object, or the REST API's
 * `{"response": [{"Event": …}, …]}` with several events — and yields one record per indicator
 * in its attributes (`Event.Attribute[]` and `Event.Object[].Attribute[]`), classified exactly
 * as a typed submission would be, and one refusal per attribute or value it cannot take.
 *
 * The file is streamed: only one attribute (or one MISP Object) is assembled at a time, and an
 * event's records wait in a compact buffer until the event ends, because MISP writes the
 * event's tags (and so its TLP) after its attributes. A file that is not JSON, not UTF-8, nested
 * absurdly deep, or holds no event fails with a MalformedFileError and should store nothing.
 */
export async function* parseMisp(input: Readable): AsyncGenerator<ParseEvent> {
  const tokens = new JsonTokens();
  const walker = new MispWalker();
  const decoder = new TextDecoder("utf-8");
  const consume = walker.consume.bind(walker);

  for await (const chunk of guardedUtf8(input)) {
    tokens.write(decoder.decode(chunk as Buffer, { stream: true }), consume);
    yield* release(walker.take());
  }
  tokens.write(decoder.decode(), consume);
  tokens.end(consume);
  yield* release(walker.take());

  if (walker.events === 0) {
    throw MalformedFileError.of("misp.not_an_event", "formats.file.not_misp");
  }
}

/** Refusals as they came; an ended event's records, labelled now that its tags are known. */
function* release(items: (ParseEvent | EventEnd)[]): Generator<ParseEvent> {
  for (const item of items) {
    if (item.kind !== "event-end") {
      yield item;
      continue;
    }
    const { event } = item;
    const tlp = event.tlps.length > 0 ? strictestTlp(event.tlps) : undefined;
    yield* event.buffer.drain(tlp, event.admiralty, eventRef(event));
  }
}
