import { describe } from "vitest";
import { everyScenario } from "../scenarios/every-scenario.js";
import { startSlackDriver } from "../scenarios/slack-driver.js";

describe("the shared scenarios on Slack", () => everyScenario(startSlackDriver));
