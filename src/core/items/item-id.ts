/** Items are shown as "I-42" so that they can be told apart from analyses and requests. */
export const formatItemId = (id: number): string => `I-${id}`;

export function parseItemId(text: string): number | undefined {
  const match = /^I-?(\d{1,12})$/i.exec(text.trim());
  if (!match) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
