/** Traffic Light Protocol 2.0 (FIRST), the labels the parties mark shared information with. */
export const TLP_LABELS = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export type TlpLabel = (typeof TLP_LABELS)[number];

/** Submissions without a label are AMBER: limited disclosure, the cautious default. */
export const DEFAULT_TLP: TlpLabel = "AMBER";

/** The strictest of the labels (CLEAR when there are none). */
export const strictestTlp = (labels: readonly TlpLabel[]): TlpLabel =>
  labels.reduce<TlpLabel>((a, b) => (TLP_LABELS.indexOf(b) > TLP_LABELS.indexOf(a) ? b : a), "CLEAR");

/**
 * The colours as Dutch members write them ("tlp:groen"), and TLP 1.0's "WHITE" (renamed CLEAR in
 * 2.0, "wit" in Dutch): the labels they stand for.
 */
const OTHER_NAMES: Record<string, TlpLabel> = { WHITE: "CLEAR", WIT: "CLEAR", GROEN: "GREEN", ORANJE: "AMBER", "ORANJE+STRICT": "AMBER+STRICT", "ORANJE+STRIKT": "AMBER+STRICT", "AMBER+STRIKT": "AMBER+STRICT", ROOD: "RED" };

/** Accepts "red", "TLP:RED", "tlp:amber+strict", TLP 1.0's "WHITE" and the Dutch colours ("groen", "rood"). */
export function parseTlp(input: string): TlpLabel | undefined {
  const label = input.trim().toUpperCase().replace(/^TLP:/, "");
  if (OTHER_NAMES[label]) return OTHER_NAMES[label];
  return (TLP_LABELS as readonly string[]).includes(label) ? (label as TlpLabel) : undefined;
}
