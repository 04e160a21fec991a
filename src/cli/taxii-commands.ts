import { userInfo } from "node:os";
import { systemClock, type Store } from "../core/ports.js";
import { issueTaxiiKey, revokeTaxiiKey } from "../core/taxii/keys.js";
import { collectionId } from "../core/taxii/released-objects.js";

type Out = { write(text: string): unknown };

export const TAXII_USAGE = `  ciic taxii keys              the keys recipients' systems pull their releases with (never the keys themselves)
  ciic taxii key add <recipient id> [--label "…"]
                               make a key for a recipient's system; printed once, only its digest is kept
  ciic taxii key revoke <key id>
                               revoke a key at once
`;

/** `ciic taxii …`: an administrator's keys for recipients' TAXII clients (adapters/taxii). */
export async function runTaxii(store: Store, args: string[], out: Out, err: Out): Promise<number> {
  const actor = `cli:${userInfo().username}`;
  const deps = { store, clock: systemClock };
  const [what, action, arg] = args;
  if (what === "keys" && action === undefined) {
    const keys = await store.taxiiKeys.list();
    if (keys.length === 0) out.write("No TAXII keys yet: `ciic taxii key add <recipient id>` makes one.\n");
    for (const k of keys) {
      const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "in force";
      out.write(`${k.id}\t${k.recipientId}\t${k.label}\tmade ${k.createdAt.toISOString()} by ${k.createdBy}\t${state}\n`);
    }
    return 0;
  }
  if (what === "key" && action === "add" && arg) {
    const labelAt = args.indexOf("--label");
    const label = labelAt >= 0 ? args[labelAt + 1] : undefined;
    if (labelAt >= 0 && label === undefined) {
      err.write('--label needs a text, e.g. --label "NCSC SOC MISP".\n');
      return 2;
    }
    const issued = await issueTaxiiKey(deps, { recipientId: arg, label, actor });
    if (!issued.ok) {
      err.write(`${issued.message}\n`);
      return 1;
    }
    out.write(
      [
        `TAXII key ${issued.record.id} for ${arg} (${issued.record.label}):`,
        ``,
        `  ${issued.key}`,
        ``,
        `Give it to the recipient's administrator now: it is not shown again (only its digest is kept).`,
        `Their client uses it as the password of HTTP Basic (any user name) or as a bearer token, with`,
        `  API root     <bot address>/taxii2/ciic/`,
        `  collection   ${collectionId(arg)}`,
        ``,
      ].join("\n"),
    );
    return 0;
  }
  if (what === "key" && action === "revoke" && arg) {
    const id = Number(arg);
    if (!Number.isSafeInteger(id) || id < 1) {
      err.write(`"${arg}" is no key id; \`ciic taxii keys\` lists them.\n`);
      return 2;
    }
    const revoked = await revokeTaxiiKey(deps, { id, actor });
    (revoked.ok ? out : err).write(`${revoked.message}\n`);
    return revoked.ok ? 0 : 1;
  }
  err.write(`Usage:\n${TAXII_USAGE}`);
  return 2;
}
