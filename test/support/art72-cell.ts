/**
 * A cell in which each party has someone to act for it, for the Art 7.2 tests of free text
 * (test/core/art72-free-text.test.ts, guard-coverage.test.ts): analysts of AIVD, MIVD and NCSC,
 * a liaison of every party, and a member of the steering group.
 */
export const ART72_DIRECTORY = `
covenant:
  effective: 2020-05-28
recipients:
  - { id: water-oost, name: Waterbedrijf Oost, kind: external, party: NCSC, slack: C0WATER01 }
language: en
members:
  - { slack: U0AIVDAN1, name: Anna de Vries, party: AIVD, roles: [analyst], screening: 2024-03-01, designation: "Aangewezen door DG AIVD" }
  - { slack: U0AIVDLI1, name: Bram Bakker, party: AIVD, roles: [liaison], screening: 2024-03-02 }
  - { slack: U0MIVDAN1, name: Maarten Mol, party: MIVD, roles: [analyst], screening: 2024-04-01, designation: "AIVD-MIVD cooperation (Art 4.4)" }
  - { slack: U0MIVDLI1, name: Daan Smit, party: MIVD, roles: [liaison], screening: 2024-04-02 }
  - { slack: U0NCSCAN1, name: Greta de Boer, party: NCSC, roles: [analyst], screening: 2024-05-06, designation: "Gedetacheerd bij de AIVD (Art 4.3)" }
  - { slack: U0NCSCLI1, name: Lotte Smit, party: NCSC, roles: [liaison], screening: 2024-02-03 }
  - { slack: U0POLLI01, name: Pim Laan, party: Politie, roles: [liaison], screening: 2024-06-02 }
  - { slack: U0OMLI001, name: Iris de Graaf, party: OM, roles: [liaison], screening: 2024-04-04 }
  - { slack: U0NCTVCO1, name: Joris van Dijk, party: NCTV, roles: [coordinator, liaison], screening: 2024-08-08 }
  - { slack: U0NCSCST1, name: Hugo Mulder, party: NCSC, roles: [steering], screening: 2024-10-01 }
consent:
  deadlineWorkingDays: 5
  remindHoursBefore: 24
  escalateAfterHours: 8
`;

export const ANNA = "U0AIVDAN1"; // AIVD analyst
export const BRAM = "U0AIVDLI1"; // AIVD liaison
export const MAARTEN = "U0MIVDAN1"; // MIVD analyst
export const DAAN = "U0MIVDLI1"; // MIVD liaison
export const GRETA = "U0NCSCAN1"; // NCSC analyst
export const LOTTE = "U0NCSCLI1"; // NCSC liaison
export const PIM = "U0POLLI01"; // Politie liaison
export const IRIS = "U0OMLI001"; // OM liaison
export const HUGO = "U0NCSCST1"; // NCSC, steering group
