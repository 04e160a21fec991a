import { parsePrefixedNumber } from "../prefixed-id.js";

/** Items are shown as "I-42" so that they can be told apart from analyses and requests. */
export const formatItemId = (id: number): string => `I-${id}`;

export const parseItemId = (text: string): number | undefined => parsePrefixedNumber("I", text);
