import { adaptersTexts } from "./adapters.js";
import { commonTexts } from "./common.js";
import { disclosureTexts } from "./disclosure.js";
import { itemsTexts } from "./items.js";
import { roundsTexts } from "./rounds.js";
import { consultationTexts } from "./consultation.js";
import { steeringTexts } from "./steering.js";
import { oversightTexts } from "./oversight.js";
import { covenantTexts } from "./covenant.js";
import { retentionTexts } from "./retention.js";
import { analysisTexts } from "./analysis.js";
import { commandsTexts } from "./commands.js";
import { indicatorsTexts } from "./indicators.js";
import { guardMessages } from "./guard.js";
import { formatsTexts } from "./formats.js";
import { workspaceTexts } from "./workspace.js";
import { warninglistsTexts } from "./warninglists.js";
import { relationsTexts } from "./relations.js";

/**
 * Every text the bot shows, by domain. Each domain's keys start with its own prefix, so that
 * two domains can never define one key (a test checks it).
 */
export const DOMAINS = {
  common: commonTexts,
  adapters: adaptersTexts,
  disclosure: disclosureTexts,
  items: itemsTexts,
  rounds: roundsTexts,
  consultation: consultationTexts,
  steering: steeringTexts,
  oversight: oversightTexts,
  covenant: covenantTexts,
  retention: retentionTexts,
  analysis: analysisTexts,
  commands: commandsTexts,
  indicators: indicatorsTexts,
  guard: guardMessages,
  formats: formatsTexts,
  workspace: workspaceTexts,
  warninglists: warninglistsTexts,
  relations: relationsTexts,
} as const;

export const CATALOGUE = Object.assign({}, ...Object.values(DOMAINS)) as UnionOfDomains;

type UnionOfDomains = { [D in keyof typeof DOMAINS]: (typeof DOMAINS)[D] }[keyof typeof DOMAINS] extends infer U
  ? (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
    ? I
    : never
  : never;

export type TextKey = keyof typeof CATALOGUE & string;
