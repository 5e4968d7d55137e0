// The (account, application) pair a token is minted for, as every issue
// point sees it. Hot paths read it in the same statement as the inquiry or
// refresh token (db/queries/*-context); others load it here.
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "@/db/client";
import type { ApplicationRow } from "@/db/queries/applications";
import { sessionSubjectColumns, type SessionSubjectRow } from "@/db/queries/session-subject";
import { claimPolicyFromRows, type ClaimPolicy } from "../applications/claim-policy";
import type { ClaimStates } from "../identity/claims";
import { WIRE_CLAIM, type StoredClaim } from "../identity/claims-vocabulary";

export interface SessionSubject {
  application: Pick<ApplicationRow, "id" | "anchor" | "enabled" | "sectorId" | "tokenSigningPublicKey">;
  claimPolicy: ClaimPolicy;
  /** Null when the account row no longer exists. */
  account: { id: string; status: "ACTIVE" | "DISABLED" | "DELETED"; firstName: string | null; lastName: string | null } | null;
  primaryEmail: string | null;
  states: ClaimStates;
  /** The live sector subject, or null when none was minted yet. */
  sectorSubject: string | null;
}

export function toSessionSubject(row: SessionSubjectRow): SessionSubject {
  const states: ClaimStates = { email: "UNKNOWN", firstName: "UNKNOWN", lastName: "UNKNOWN" };
  for (const [claim, decision] of Object.entries(row.claimDecisions ?? {})) states[WIRE_CLAIM[claim as StoredClaim]] = decision;
  return {
    application: {
      id: row.applicationId,
      anchor: row.applicationAnchor,
      enabled: row.applicationEnabled,
      sectorId: row.sectorId,
      tokenSigningPublicKey: row.tokenSigningPublicKey,
    },
    claimPolicy: claimPolicyFromRows(Object.entries(row.claimPolicy ?? {}).map(([claim, requirement]) => ({ claim: claim as StoredClaim, requirement }))),
    account:
      row.accountId && row.accountStatus
        ? { id: row.accountId, status: row.accountStatus, firstName: row.firstName, lastName: row.lastName }
        : null,
    primaryEmail: row.primaryEmail,
    states,
    sectorSubject: row.sectorSubject,
  };
}

export async function loadSessionSubject(db: Executor, accountId: string, applicationId: string): Promise<SessionSubject | null> {
  const [row] = await queryRows<SessionSubjectRow>(
    db,
    sql`select ${sessionSubjectColumns}
        from applications app
        left join accounts acc on acc.id = ${accountId}::uuid
        where app.id = ${applicationId}::uuid`,
  );
  return row ? toSessionSubject(row) : null;
}
