/**
 * The six parties of the Convenant samenwerking CIIC (2020) and what the covenant lets each do.
 * These are facts of the covenant, not configuration: changing them needs an amendment (Art 13).
 */
export const PARTY_CODES = ["AIVD", "MIVD", "Politie", "NCSC", "OM", "NCTV"] as const;
export type PartyCode = (typeof PARTY_CODES)[number];

/**
 * The oversight committee (CTIVD) is no party to the covenant, but the Wiv 2017 the covenant
 * invokes gives it the right to see everything; its members may hold the auditor role only.
 */
export const OVERSIGHT = "CTIVD" as const;
export type Organisation = PartyCode | typeof OVERSIGHT;

export interface PartyProfile {
  code: PartyCode;
  name: string;
  /** Art 5.1: every party except the NCTV supplies data to the cell. */
  suppliesData: boolean;
  /** Art 4.1: AIVD, MIVD, Politie and NCSC designate staff who work in the cell. */
  seatsStaff: boolean;
  /** Art 4.5: the OM names staff for consultation with the AIVD (Wiv 2017 art 93(2)). */
  consultedOnRequest: boolean;
  /** Art 10: the NCTV coordinates communication about the cooperation with third parties. */
  coordinatesCommunication: boolean;
  /**
   * The legal basis recorded with a submission when the member names none (Art 5.1 lists the
   * statutes each party supplies under). A directory may override it per party.
   */
  defaultLegalBasis: string;
}

export const PARTIES: Readonly<Record<PartyCode, PartyProfile>> = {
  AIVD: {
    code: "AIVD",
    name: "Algemene Inlichtingen- en Veiligheidsdienst",
    suppliesData: true,
    seatsStaff: true,
    consultedOnRequest: false,
    coordinatesCommunication: false,
    defaultLegalBasis: "Wiv 2017",
  },
  MIVD: {
    code: "MIVD",
    name: "Militaire Inlichtingen- en Veiligheidsdienst",
    suppliesData: true,
    seatsStaff: true,
    consultedOnRequest: false,
    coordinatesCommunication: false,
    defaultLegalBasis: "Wiv 2017 art 86",
  },
  Politie: {
    code: "Politie",
    name: "Nationale Politie",
    suppliesData: true,
    seatsStaff: true,
    consultedOnRequest: false,
    coordinatesCommunication: false,
    defaultLegalBasis: "Wpg art 17 and 24",
  },
  NCSC: {
    code: "NCSC",
    name: "Nationaal Cyber Security Centrum",
    suppliesData: true,
    seatsStaff: true,
    consultedOnRequest: false,
    coordinatesCommunication: false,
    defaultLegalBasis: "Wbni art 3 and 20",
  },
  OM: {
    code: "OM",
    name: "Openbaar Ministerie",
    suppliesData: true,
    seatsStaff: false,
    consultedOnRequest: true,
    coordinatesCommunication: false,
    defaultLegalBasis: "Wjsg art 52, Bjsg art 14",
  },
  NCTV: {
    code: "NCTV",
    name: "Nationaal Coördinator Terrorismebestrijding en Veiligheid",
    suppliesData: false,
    seatsStaff: false,
    consultedOnRequest: false,
    coordinatesCommunication: true,
    defaultLegalBasis: "",
  },
};

export const isPartyCode = (value: string): value is PartyCode =>
  (PARTY_CODES as readonly string[]).includes(value);

/** Art 15: the covenant took effect on the date of the last signature. */
export const COVENANT_SIGNED = "2020-05-28";
