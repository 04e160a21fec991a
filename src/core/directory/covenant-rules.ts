import { OVERSIGHT, PARTIES, isPartyCode } from "../covenant/parties.js";
import { memberId, type IndexedMember, type RecipientDocument } from "./schema.js";
import type { DirectoryProblem } from "./types.js";

type Issue = Omit<DirectoryProblem, "line"> & { pathParts: (string | number)[] };

/**
 * Rules of the covenant that a well-formed directory can still break. Each message names the
 * article it comes from so that the administrator can see why the file was refused.
 */
export function checkCovenantRules(members: readonly IndexedMember[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  const add = (pathParts: (string | number)[], message: string) =>
    issues.push({ pathParts, path: formatPath(pathParts), message });

  members.forEach(({ member, index: i }) => {
    const at = (field: string) => ["members", i, field];
    if (!member.slack && !member.mattermost && !member.local) {
      add(["members", i], "needs a chat user id: set `slack:` (or `mattermost:`/`local:`)");
    }
    let sharesAccount = false;
    for (const [platform, userId] of [["slack", member.slack], ["mattermost", member.mattermost], ["local", member.local]] as const) {
      if (!userId) continue;
      const key = `${platform}:${userId}`;
      const first = seen.get(key);
      if (first !== undefined) {
        add(at(platform), `${key} is already used by members[${first}]; each chat account belongs to one member`);
        sharesAccount = true;
      } else seen.set(key, i);
    }
    // (A shared account already makes a default id collide: that is one problem, reported once.)
    if ((member.slack || member.mattermost || member.local) && !(sharesAccount && !member.id)) {
      // Records and the audit log name members by id, so two members may never share one, also
      // when one of them gets the default id from its chat account.
      const id = memberId(member);
      const key = `id:${id}`;
      const first = seen.get(key);
      if (first !== undefined) add(at(member.id ? "id" : "slack"), `member id ${id} is already used by members[${first}]; give one of them another \`id:\``);
      else seen.set(key, i);
    }
    const roles = new Set(member.roles);
    if (member.party === OVERSIGHT) {
      if ([...roles].some((r) => r !== "auditor")) {
        add(at("roles"), "the oversight committee (CTIVD) is not a party to the covenant; its members may only hold the auditor role");
      }
      return;
    }
    if (!isPartyCode(member.party)) return;
    if (roles.has("auditor") && roles.size > 1) {
      // Oversight reads everything and changes nothing (Wiv 2017): a member who could also
      // submit, decide or disclose would blur what the audit log shows the auditor did.
      add(at("roles"), "the auditor role is read-only oversight access (Wiv 2017) and cannot be combined with other roles; give those to another account");
    }
    const party = PARTIES[member.party];
    if (roles.has("analyst") && !party.seatsStaff) {
      add(at("roles"), `${party.code} designates no staff to work in the cell (Art 4.1), so its members cannot be analysts`);
    }
    if (roles.has("analyst") && !member.designation) {
      add(at("designation"), "cell staff need the basis of their designation recorded (Art 4.2–4.4), e.g. \"Aangewezen door DG AIVD\"");
    }
    if (roles.has("steering") && (roles.has("liaison") || roles.has("deputy"))) {
      // The steering group's report counts, per pair of parties, the indicators both supplied, and
      // names denials by party and day (Art 9). A liaison supplies their party's data without seeing
      // any other party's, and a liaison or deputy is asked about requests (Art 7.2): in both roles,
      // they could learn from the report whose data a value they submit is, or which parties a
      // request held.
      add(at("roles"), "a liaison or deputy cannot be in the steering group too (Art 7.2, 9): the steering report shows which parties supplied the same indicators and which denied a request on which day, so they could learn from it whose data a value or a request holds; give the steering role to another account");
    }
    if (roles.has("coordinator") && !party.coordinatesCommunication && !party.consultedOnRequest) {
      add(at("roles"), "coordinators are the NCTV's communication coordinators (Art 10) or the OM's consultation contacts (Art 4.5); other parties have none");
    }
  });
  return issues;
}

/**
 * Recipients of disclosures: a party for its own task, an AIVD unit, or an outside organisation
 * reached through a party (Art 3: "door tussenkomst van partijen").
 */
export function checkRecipients(recipients: readonly RecipientDocument[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  const add = (pathParts: (string | number)[], message: string) => issues.push({ pathParts, path: formatPath(pathParts), message });
  recipients.forEach((r, i) => {
    const first = seen.get(r.id);
    if (first !== undefined) add(["recipients", i, "id"], `recipient id ${r.id} is already used by recipients[${first}]`);
    else seen.set(r.id, i);
    if (r.kind === "party" && !r.party) add(["recipients", i], "a party recipient needs `party:`, the party it is");
    if (r.kind === "external" && !r.party) {
      add(["recipients", i], "an outside organisation is reached through a party (Art 3): set `party:` to that party");
    }
    if (r.kind === "aivd-unit" && r.party && r.party !== "AIVD") add(["recipients", i, "party"], "an AIVD unit belongs to the AIVD");
    if (!r.slack && !r.mattermost && !r.local) {
      add(["recipients", i], "needs a channel to deliver released disclosures to: set `slack:` to a channel id");
    }
  });
  return issues;
}

export function formatPath(parts: readonly (string | number | symbol)[]): string {
  return parts
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
}
