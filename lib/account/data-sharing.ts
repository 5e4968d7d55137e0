// Data sharing (docs 12): per application the user decided about, each claim —
// shared or not, and whether the application requires it (its claim policy).
// Revoke turns every GRANTED claim of that application into DENIED; grants are
// read live at every token issue, so the next refresh already reflects it
// (a REQUIRED claim then answers ClaimConsentRequired).
import { denyGrantedClaims, findApplicationIdByAnchor, listClaimPoliciesOf, listGrantsWithApplications } from "@/db/queries/account";
import { claimPolicyFromRows } from "../applications/claim-policy";
import { localizedName } from "../applications/info";
import { fail } from "../errors";
import { CLAIMS, WIRE_CLAIM, type Claim, type ClaimState, type Requirement } from "../identity/claims-vocabulary";
import type { Deps } from "../runtime";

export interface SharedApplication {
  anchor: string;
  name: string;
  /**
   * `state` is the user's decision; `received` whether the application gets
   * the claim now — a grant is dormant while the claim policy is OFF (it
   * counts again if the policy is turned back on, so Revoke still clears it).
   */
  claims: { claim: Claim; state: ClaimState; requirement: Requirement; received: boolean }[];
  /** The application receives at least one claim. */
  anyShared: boolean;
  /** At least one grant is stored: Revoke has something to clear. */
  anyGranted: boolean;
}

export async function listDataSharing(deps: Pick<Deps, "db">, accountId: string, locale: string): Promise<SharedApplication[]> {
  const grants = await listGrantsWithApplications(deps.db, accountId);
  const ids = [...new Set(grants.map((row) => row.applicationId))];
  const policies = await listClaimPoliciesOf(deps.db, ids);
  return ids
    .map((id) => {
      const rows = grants.filter((row) => row.applicationId === id);
      const first = rows[0]!;
      const policy = claimPolicyFromRows(policies.filter((row) => row.applicationId === id));
      const claims = CLAIMS.map((claim) => {
        const state = (rows.find((row) => WIRE_CLAIM[row.claim] === claim)?.decision ?? "UNKNOWN") as ClaimState;
        return { claim, state, requirement: policy[claim], received: state === "GRANTED" && policy[claim] !== "OFF" };
      });
      return {
        anchor: first.anchor,
        name: localizedName(first.names, first.defaultLocale, locale) || first.anchor,
        claims,
        anyShared: claims.some((claim) => claim.received),
        anyGranted: claims.some((claim) => claim.state === "GRANTED"),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** Sets the application's GRANTED claims to DENIED; returns how many were revoked. */
export async function revokeSharing(deps: Pick<Deps, "db" | "clock">, accountId: string, applicationAnchor: string): Promise<number> {
  const applicationId = await findApplicationIdByAnchor(deps.db, applicationAnchor);
  if (!applicationId) fail("NotFound", { message: "No such application." });
  return denyGrantedClaims(deps.db, accountId, applicationId, deps.clock.now());
}
