import { strictestTlp } from "../../covenant/tlp.js";
import { displayToken } from "../../indicators/unsafe-characters.js";
import { phrase } from "../../i18n/phrase.js";
import { attributeValues, MISP_REFUSALS, mispBoolean, noteOf, readTag, type AttributeDraft } from "../misp/attribute.js";
import { admiraltyCode } from "../misp/event-buffer.js";
import { importRefusal, type ImportRecord, type ParseEvent } from "../types.js";
import type { RowLabels } from "./cells.js";
import { unneutralised } from "./csv-cell.js";
import { columnKey } from "./columns.js";

/**
 * MISP's CSV export (`uuid,event_id,category,type,value,comment,to_ids,date,…,attribute_tag,…`):
 * each row is one attribute, so its value is read by its MISP type as the same attribute in
 * MISP's JSON would be — a `domain|ip` gives both halves, `ip-dst|port` the address,
 * `filename|sha256` the hash, and a `link`, `filename` or `text` nothing (read as plain values,
 * a report's link and a file name passed for a URL and a domain). Its tags label it, its
 * to_ids, category and comment make its note. Known by these columns, which only MISP writes together.
 */
const MISP_COLUMNS = ["category", "type", "value", "to_ids"] as const;

/** Where MISP's columns are in a header; undefined when the header is not MISP's export. */
export function mispColumns(header: readonly string[]): MispColumns | undefined {
  const at = (name: string) => {
    const index = header.findIndex((field) => columnKey(field) === name);
    return index < 0 ? undefined : index;
  };
  if (!MISP_COLUMNS.every((name) => at(name) !== undefined)) return undefined;
  return { category: at("category")!, type: at("type")!, value: at("value")!, toIds: at("to_ids")!, comment: at("comment"), tags: at("attribute_tag") };
}

export interface MispColumns {
  category: number;
  type: number;
  value: number;
  toIds: number;
  comment?: number;
  tags?: number;
}

/** The events of one row's attribute: its indicators, labelled, or why each part is not taken. */
export function mispRowEvents(cells: readonly string[], line: number, columns: MispColumns, labels: RowLabels, out: ParseEvent[]): void {
  const cell = (index: number | undefined) => (index === undefined ? "" : unneutralised(cells[index]).trim());
  const value = cell(columns.value);
  if (value === "") return;
  const sourceObjectId = `line ${line}`;
  const refuse = (code: string, why: Parameters<typeof importRefusal>[1], example: string): void => {
    out.push({ kind: "refused", refusal: importRefusal(code, why, displayToken(example), sourceObjectId) });
  };
  const type = cell(columns.type);
  if (type === "") {
    refuse(MISP_REFUSALS.invalidAttribute, phrase("formats.refused.misp_empty_attribute"), value);
    return;
  }
  const toIds = cell(columns.toIds).toLowerCase();
  const draft: AttributeDraft = {
    type,
    value,
    category: cell(columns.category) || undefined,
    comment: cell(columns.comment) || undefined,
    toIds: toIds === "" ? undefined : mispBoolean(toIds),
    tlps: [],
    admiralty: {},
  };
  for (const tag of cell(columns.tags).split(",")) if (tag.trim() !== "") readTag(tag.trim(), draft);
  // The attribute's own tags win over the import's label, as in MISP's JSON.
  const tlp = draft.tlps.length > 0 ? strictestTlp(draft.tlps) : labels.tlp;
  const reliability = admiraltyCode(draft.admiralty.source, draft.admiralty.credibility) ?? labels.reliability;
  const note = noteOf(draft);
  for (const part of attributeValues(type, value)) {
    if (!part.ok) {
      refuse(part.code, part.why, part.example);
      continue;
    }
    const { type: indicatorType, value: indicatorValue, supplied } = part.indicator;
    const record: ImportRecord = { type: indicatorType, value: indicatorValue, sourceObjectId, ...(supplied ? { supplied } : {}) };
    if (tlp) record.tlp = tlp;
    if (reliability) record.reliability = reliability;
    if (note) record.note = note;
    out.push({ kind: "record", record });
  }
}
