import { catalogue } from "./entry.js";

/** Texts many views share. */
export const commonTexts = catalogue({
  "common.none": { en: "none", nl: "geen" },
  "common.removed": { en: "removed {time}", nl: "verwijderd {time}" },
  "common.and_more": { en: "…and {count} more", nl: "…en nog {count}" },
});
