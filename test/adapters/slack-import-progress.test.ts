import { describe, expect, it } from "vitest";
import { progressGate } from "../../src/adapters/slack/slack-import.js";

describe("progress of an import in Slack", () => {
  it("is shown at most three times, at 2, 10 and 30 seconds, so that the summary keeps its place among Slack's five", () => {
    const mayShow = progressGate(0);
    const shownAt = [500, 1_999, 2_000, 2_500, 9_000, 10_000, 12_000, 29_999, 30_000, 31_000, 120_000].filter((t) => mayShow(t));
    expect(shownAt).toEqual([2_000, 10_000, 30_000]);
  });
});
