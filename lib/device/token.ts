// POST /device-api/device-token (docs 19–20; device.yaml `deviceToken`): the
// client polls with its device code. Polling states and refusals speak RFC
// 8628's `error` vocabulary, not Sudomimus reasons. The poll's time and the
// interval live in the database (any instance may answer the next poll);
// success consumes the session in the same statement that creates the
// refresh-token family, so racing polls mint one pair.
import { z } from "zod";
import { consumeApprovedDeviceSession, endDeviceSession, recordDevicePoll, type PolledDeviceSession } from "@/db/queries/device-sessions";
import { isDatabaseUnavailable } from "@/db/unavailable";
import type { ClaimsView } from "../identity/claims";
import { KEY_FORMATS } from "../crypto/random-key";
import { describeError } from "../log";
import type { Deps } from "../runtime";
import { issueSession } from "../sessions/issue-session";
import { resolveSessionClaims } from "../sessions/session-claims";
import { loadSessionSubject } from "../sessions/session-subject";
import { hashDeviceCode } from "./keys";

const { prefix, hex } = KEY_FORMATS.device;
export const DEVICE_CODE_PATTERN = new RegExp(`^${prefix}[0-9a-f]{${hex}}$`);

export const deviceTokenBodySchema = z.strictObject({
  deviceCode: z.string().regex(DEVICE_CODE_PATTERN, `must be "${prefix}" followed by ${hex} lowercase hex characters`),
});

/** RFC 8628 §3.5 plus RFC 6749's `invalid_request` and `server_error`, as device.yaml lists them. */
export type DeviceTokenError = "authorization_pending" | "slow_down" | "access_denied" | "expired_token" | "invalid_request" | "server_error";

export interface DeviceTokens {
  applicationAnchor: string;
  accessToken: string;
  refreshToken: string;
  claims: ClaimsView;
}

export type DeviceTokenOutcome = { ok: true; tokens: DeviceTokens } | { ok: false; error: DeviceTokenError; interval?: number };

/** RFC 8628 §3.5: a too-early poll grows the interval by 5 seconds, for it and every later poll. */
export const SLOW_DOWN_STEP_SECONDS = 5;
/** Timer jitter of a client that does wait the interval is not punished. */
export const POLL_LEEWAY_MS = 250;

type TokenDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config" | "log">;

const refused = (error: DeviceTokenError): DeviceTokenOutcome => ({ ok: false, error });

export async function deviceToken(deps: TokenDeps, input: z.output<typeof deviceTokenBodySchema>): Promise<DeviceTokenOutcome> {
  const now = deps.clock.now();
  const session = await recordDevicePoll(deps.db, hashDeviceCode(deps.keyring, input.deviceCode), {
    now,
    step: SLOW_DOWN_STEP_SECONDS,
    leewayMs: POLL_LEEWAY_MS,
  });
  if (!session) return refused("invalid_request");
  // Settled sessions answer the same way on every later poll.
  if (session.state === "CONSUMED") return refused("invalid_request");
  if (session.state === "DENIED") return refused("access_denied");
  if (session.state === "FAILED") return refused("server_error");
  if (session.expiresAt.getTime() <= now.getTime()) return refused("expired_token");
  // Layer 3 again at run time (docs 09): the application may have been disabled or lost its DEVICE_CODE rule.
  if (!session.applicationEnabled || !session.deviceCodeAllowed) return deny(deps, session, ["PENDING", "APPROVED"]);
  if (session.state === "PENDING") {
    return session.tooFast ? { ok: false, error: "slow_down", interval: session.intervalSeconds } : refused("authorization_pending");
  }
  return issue(deps, session);
}

async function deny(deps: TokenDeps, session: PolledDeviceSession, from: PolledDeviceSession["state"][]): Promise<DeviceTokenOutcome> {
  await endDeviceSession(deps.db, session.id, { from, to: "DENIED", now: deps.clock.now() });
  return refused("access_denied");
}

/** APPROVED: policy is checked again as it stands now, then the pair is minted while consuming the session. */
async function issue(deps: TokenDeps, session: PolledDeviceSession): Promise<DeviceTokenOutcome> {
  try {
    if (!session.accountId || session.accessTokenTtlSeconds === null || session.refreshTokenTtlSeconds === null) {
      throw new Error("an approved device session lacks its sign-in facts");
    }
    const subject = await loadSessionSubject(deps.db, session.accountId, session.applicationId);
    if (!subject || !subject.application.enabled) return await deny(deps, session, ["APPROVED"]);
    const account = subject.account;
    // A disabled, erased or purged account gets nothing, whatever was approved.
    if (!account || account.status !== "ACTIVE") return await deny(deps, session, ["APPROVED"]);
    const emailAddress = session.loginEmail ?? subject.primaryEmail;
    const claims = await resolveSessionClaims(deps, { ...subject, account }, emailAddress);
    // Consent may have been revoked between approval and this poll.
    if (claims.gate) return await deny(deps, session, ["APPROVED"]);

    const now = deps.clock.now();
    const issued = await issueSession(
      deps,
      {
        application: subject.application,
        accountId: account.id,
        claims,
        origin: "DEVICE",
        authenticationMethod: session.authenticationMethod,
        emailAddress,
        ttls: { accessTokenTtlSeconds: session.accessTokenTtlSeconds, refreshTokenTtlSeconds: session.refreshTokenTtlSeconds },
        authTime: session.authTime ?? session.decidedAt ?? now,
      },
      consumeApprovedDeviceSession(session.id, now),
    );
    // Another poll consumed it first: for this one the code is spent.
    if (!issued) return refused("invalid_request");
    return {
      ok: true,
      tokens: { applicationAnchor: subject.application.anchor, accessToken: issued.accessToken, refreshToken: issued.refreshToken, claims: claims.view },
    };
  } catch (error) {
    // An outage is no failure of this session: nothing was written (the pair and the consumption are one
    // statement), so it stays APPROVED and the client, told to slow down, gets its tokens on a later poll.
    if (isDatabaseUnavailable(error)) throw error;
    deps.log.error("device token issuance failed", {
      deviceSessionId: session.id,
      error: describeError(error, { stack: true }),
    });
    await endDeviceSession(deps.db, session.id, { from: ["APPROVED"], to: "FAILED", now: deps.clock.now() }).catch(() => false);
    return refused("server_error");
  }
}
