// Everything needed to mint a token for one (account, application), read in
// the same statement as whatever names the session (an inquiry, a refresh
// token…): the application's signing material and claim policy, the
// account's state and names, its primary email, its claim decisions for this
// application and its live sector subject. Callers join `applications app`
// and `accounts acc` and splice these columns into their select list.
import { sql } from "drizzle-orm";

export const sessionSubjectColumns = sql`
  app.id as "applicationId", app.anchor as "applicationAnchor", app.enabled as "applicationEnabled",
  app.sector_id as "sectorId",
  app.token_signing_public_key as "tokenSigningPublicKey", app.token_signing_previous_public_key as "tokenSigningPreviousPublicKey",
  (select json_object_agg(p.claim, p.requirement) from claim_policies p where p.application_id = app.id) as "claimPolicy",
  acc.id as "accountId", acc.status as "accountStatus", acc.first_name as "firstName", acc.last_name as "lastName",
  (select e.email from email_identities e where e.account_id = acc.id
     order by e.is_primary desc, e.verified_at asc, e.id asc limit 1) as "primaryEmail",
  (select json_object_agg(g.claim, g.decision) from claim_grants g
     where g.account_id = acc.id and g.application_id = app.id) as "claimDecisions",
  (select s.subject from sector_subjects s
     where s.account_id = acc.id and s.sector_id = app.sector_id and s.retired_at is null) as "sectorSubject"`;

export interface SessionSubjectRow {
  applicationId: string;
  applicationAnchor: string;
  applicationEnabled: boolean;
  sectorId: string;
  tokenSigningPublicKey: string;
  tokenSigningPreviousPublicKey: string | null;
  claimPolicy: Record<string, "OFF" | "OPTIONAL" | "REQUIRED" | "SYNTHETIC"> | null;
  /** Null when the account row is gone (purged). */
  accountId: string | null;
  accountStatus: "ACTIVE" | "DISABLED" | "DELETED" | null;
  firstName: string | null;
  lastName: string | null;
  primaryEmail: string | null;
  claimDecisions: Record<string, "GRANTED" | "DENIED"> | null;
  sectorSubject: string | null;
}
