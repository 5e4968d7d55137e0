// Housekeeping: rows whose purpose has passed are deleted in the background,
// so replay guards, codes and dead inquiries do not accumulate. Every sweep is
// idempotent, so several instances sweeping one Postgres at once is harmless.
import { deleteEndedBrowserSessions } from "@/db/queries/browser-sessions";
import { deleteExpiredChallenges } from "@/db/queries/challenges";
import { deleteExpiredClientAssertions } from "@/db/queries/client-assertions";
import { deleteErrandsExpiredBefore } from "@/db/queries/errands";
import { deleteDeviceSessionsExpiredBefore } from "@/db/queries/device-sessions";
import { deleteInquiriesExpiredBefore } from "@/db/queries/inquiries";
import { deleteOutboxMessagesCreatedBefore } from "@/db/queries/mail-outbox";
import { deleteAuthorizationCodesExpiredBefore } from "@/db/queries/oidc";
import { deleteEndedSteamTickets } from "@/db/queries/native";
import { deleteExpiredUpstreamAuthStates } from "@/db/queries/upstream-auth";
import { deleteEndedRateLimits } from "@/db/queries/rate-limits";
import { deleteExpiredSessions } from "@/db/queries/sessions";
import { OTP_TTL_SECONDS } from "./identity/email-codes";
import { describeError } from "./log";
import type { Deps } from "./runtime";

export const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/**
 * How long a session is kept past its last token's expiry, so introspection can still say "expired";
 * and each spent refresh token past its own, so a replay of it still revokes its session.
 */
export const SESSION_RETENTION_DAYS = 30;

export async function sweepExpired(deps: Pick<Deps, "db" | "clock">): Promise<void> {
  const now = deps.clock.now();
  const dayAgo = new Date(now.getTime() - DAY_MS);
  await deleteExpiredClientAssertions(deps.db, now);
  await deleteEndedRateLimits(deps.db, now);
  await deleteExpiredChallenges(deps.db, dayAgo);
  await deleteEndedBrowserSessions(deps.db, now);
  // Kept a day past expiry so late callers still get InquiryExpired rather than InquiryNotFound.
  await deleteInquiriesExpiredBefore(deps.db, dayAgo);
  // OIDC codes likewise: a replay within the day still revokes what the code issued.
  await deleteAuthorizationCodesExpiredBefore(deps.db, dayAgo);
  await deleteEndedSteamTickets(deps.db, now);
  await deleteExpiredUpstreamAuthStates(deps.db, dayAgo);
  // Kept a day past expiry like inquiries; the status endpoint answers EXPIRED either way.
  await deleteErrandsExpiredBefore(deps.db, dayAgo);
  // Likewise device sessions: a late poll still hears expired_token, not invalid_request.
  await deleteDeviceSessionsExpiredBefore(deps.db, dayAgo);
  await deleteExpiredSessions(deps.db, new Date(now.getTime() - SESSION_RETENTION_DAYS * DAY_MS));
  // Outbox mail (no SMTP) carries sign-in codes and the addresses people typed: past the code's lifetime it is of no use to anyone.
  await deleteOutboxMessagesCreatedBefore(deps.db, new Date(now.getTime() - OTP_TTL_SECONDS * 1000));
}

export function startSweeper(deps: Pick<Deps, "db" | "clock" | "log">): () => void {
  const timer = setInterval(() => {
    sweepExpired(deps).catch((error: unknown) => deps.log.warn("sweep failed", { error: describeError(error) }));
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
