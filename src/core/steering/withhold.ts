import { classify } from "../indicators/index.js";
import { stripWrapping } from "../indicators/tokenise.js";

export const WITHHELD = "[indicator withheld]";

/**
 * Free text a liaison wrote (a denial's reason) may name an indicator; the steering group sees
 * counts, never values (Art 7.2). Every word the bot would take as an indicator is replaced,
 * defanged forms included; the rest of the reason stays readable.
 */
export function withholdIndicators(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word) => {
      if (word.trim() === "") return word;
      const core = stripWrapping(word);
      return core && classify(core).ok ? word.replace(core, WITHHELD) : word;
    })
    .join("");
}
