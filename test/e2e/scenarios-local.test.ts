import { describe } from "vitest";
import { everyScenario } from "../scenarios/every-scenario.js";
import { startLocalDriver } from "../scenarios/local-driver.js";

describe("the shared scenarios on Local", () => everyScenario(startLocalDriver));
