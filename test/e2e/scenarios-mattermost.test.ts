import { describe } from "vitest";
import { everyScenario } from "../scenarios/every-scenario.js";
import { startMattermostDriver } from "../scenarios/mattermost-driver.js";

describe("the shared scenarios on Mattermost", () => everyScenario(startMattermostDriver));
