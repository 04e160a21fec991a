import { commandScenarios } from "./commands.scenarios.js";
import { disclosureScenarios } from "./disclosure.scenarios.js";
import { languageScenarios } from "./language.scenarios.js";
import { relationScenarios } from "./relations.scenarios.js";
import type { DriverFactory } from "./driver.js";
import { roundScenarios } from "./rounds.scenarios.js";
import { unicodeScenarios } from "./unicode.scenarios.js";

/**
 * Every shared scenario, for one platform's driver. Each platform's runner calls this one list,
 * so a scenario added here runs on every platform.
 */
export function everyScenario(start: DriverFactory): void {
  commandScenarios(start);
  disclosureScenarios(start);
  languageScenarios(start);
  relationScenarios(start);
  roundScenarios(start);
  unicodeScenarios(start);
}
