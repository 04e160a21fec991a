import type { NewItem } from "../../src/core/ports.js";

/** An item as a test stores it straight through the store: the provenance does not matter. */
export const newItem = (type: NewItem["type"], value: string, party: NewItem["party"]): NewItem => ({
  type,
  value,
  party,
  memberId: "slack:U1",
  memberName: "Test",
  submittedAt: new Date("2026-11-01T10:00:00Z"),
  legalBasis: "Wiv 2017",
  reliability: "F6",
  tlp: "AMBER",
  sourceRef: null,
  note: null,
  via: "test",
  supersedesId: null,
});
