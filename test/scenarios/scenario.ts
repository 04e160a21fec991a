import { expect, it } from "vitest";
import type { DriverFactory, ScenarioDriver, ShownMessage } from "./driver.js";

/**
 * One scenario on a fresh bot: the driver is stopped whatever happens, and a platform rule the
 * bot broke (found when it stops) fails the scenario unless the scenario failed already.
 */
export function scenario(title: string, start: DriverFactory, body: (driver: ScenarioDriver) => Promise<void>): void {
  it(title, async () => {
    const driver = await start();
    let failure: unknown;
    try {
      await body(driver);
    } catch (error) {
      failure = error;
    }
    await driver.stop().catch((error: unknown) => (failure ??= error));
    if (failure) throw failure;
  });
}

/** The one message that contains `text`; fails, showing what there is, when there is none or several. */
export function theMessage(messages: ShownMessage[], text: string): ShownMessage {
  const found = messages.filter((m) => m.text.includes(text));
  expect(found, `one message with “${text}” among:\n${messages.map((m) => m.text).join("\n---\n")}`).toHaveLength(1);
  return found[0];
}

/** Everything shown in a list of messages, for what must or must not appear anywhere in it. */
export const allText = (messages: ShownMessage[]) => messages.map((m) => m.text).join("\n");
