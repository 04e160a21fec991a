// Recognises and normalises cyber-threat indicators in text people paste into the bot.
//
// Covenant Art 6.2–6.3: indicators are only ever handled as text. Nothing in this module, or
// anything it calls, resolves a name, fetches a URL, connects to an address or otherwise acts on
// a value outside this process: no DNS look-ups, no network. Keep it that way; the URL parser and
// domainToASCII used here are pure string functions.
export { classify } from "./classify.js";
export { parseIndicators, type ParseResult } from "./parse.js";
export { refang } from "./refang.js";
export { tokenise } from "./tokenise.js";
export {
  INDICATOR_TYPES,
  MAX_TOKEN_LENGTH,
  REFUSAL_CODES,
  type ClassifyResult,
  type Indicator,
  type IndicatorType,
  type ParsedIndicator,
  type RefusalCode,
  type RefusedToken,
} from "./types.js";
