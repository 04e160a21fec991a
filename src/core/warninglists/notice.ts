import type { Translator } from "../i18n/translator.js";
import type { IndicatorType } from "../indicators/index.js";
import type { Block } from "../views/message.js";
import type { KnownBenign } from "./known-benign.js";

/**
 * What a member is told of values on a warninglist: a warning beside the answer, each value with
 * the lists that hold it, so that nobody chases 8.8.8.8. Never a refusal: the value is taken.
 */
export function benignBlocks(t: Translator, benign: KnownBenign | undefined, indicators: readonly { type: IndicatorType; value: string }[]): Block[] {
  if (!benign) return [];
  const hits = indicators.flatMap((indicator) => {
    const lists = benign.listsOf(indicator);
    return lists.length > 0 ? [{ value: indicator.value, lists }] : [];
  });
  if (hits.length === 0) return [];
  return [
    { kind: "notice", tone: "warning", content: [t.text("warninglists.notice", { count: hits.length })] },
    { kind: "list", items: hits.map((hit) => [{ code: hit.value }, t.text("warninglists.on_lists", { lists: hit.lists.join("; ") })]) },
  ];
}
