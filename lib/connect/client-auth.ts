// The SudomimusClientJWT scheme (connect.yaml): an RS256 JWT signed with the
// application's client-auth private key, carried as
// `Authorization: SudomimusClientJWT <jwt>`, bound to the exact body bytes by
// `body_sha256`, living at most 60 s (30 s skew tolerated), and honoured once
// per `jti` — recorded by one conditional insert, so replays lose atomically.
import { decodeJwt, jwtVerify } from "jose";
import { recordClientAssertion } from "@/db/queries/client-assertions";
import { findApplicationByAnchor, type ApplicationRow } from "@/db/queries/applications";
import { isAnchor } from "../applications/anchor";
import { rsaVerificationKey } from "../applications/signing-key";
import { epochSeconds } from "../clock";
import { constantTimeEqual, sha256Base64 } from "../crypto/secret-hash";
import { SudomimusError } from "../errors";
import type { Deps } from "../runtime";

export const CLIENT_AUTH_AUDIENCE = "sudomimus-connect";
export const CLIENT_AUTH_MAX_LIFETIME_SECONDS = 60;
export const CLIENT_AUTH_SKEW_SECONDS = 30;

export function clientAuthRejected(message: string): SudomimusError {
  return new SudomimusError("ClientAuthInvalid", { message, headers: { "www-authenticate": "SudomimusClientJWT" } });
}

export interface ClientAssertion {
  application: ApplicationRow;
  jti: string;
  /** Until when the jti must be remembered: after that the JWT could not verify anyway. */
  rememberUntil: Date;
}

/**
 * Checks everything about the JWT except its single use, which the caller
 * records atomically with what the request creates (or with
 * `verifyClientAuth`). Returns the calling application, enabled or not: the
 * caller decides what a disabled application may still do.
 */
export async function authenticateClientJwt(
  deps: Pick<Deps, "db" | "cache" | "clock">,
  authorization: string | null,
  rawBody: Uint8Array,
): Promise<ClientAssertion> {
  const match = /^SudomimusClientJWT\s+([A-Za-z0-9_\-.]+)\s*$/i.exec(authorization ?? "");
  if (!match) throw clientAuthRejected("Send `Authorization: SudomimusClientJWT <jwt>` signed with the application's client-auth key.");
  const jwt = match[1]!;

  let issuer: unknown;
  try {
    issuer = decodeJwt(jwt).iss;
  } catch {
    throw clientAuthRejected("The client-auth JWT is malformed.");
  }
  const application = isAnchor(issuer) ? await findApplicationByAnchor(deps.db, issuer) : null;
  // Unknown issuer and bad signature look the same: no probing for anchors.
  if (!application) throw clientAuthRejected("The client-auth JWT signature is invalid.");

  const now = epochSeconds(deps.clock.now());
  let payload;
  try {
    ({ payload } = await jwtVerify(jwt, await rsaVerificationKey(deps, application.clientAuthPublicKey), {
      algorithms: ["RS256"],
      issuer: application.anchor,
      audience: CLIENT_AUTH_AUDIENCE,
      clockTolerance: CLIENT_AUTH_SKEW_SECONDS,
      currentDate: new Date(now * 1000),
      requiredClaims: ["iat", "exp", "jti"],
    }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_JWT_EXPIRED") throw clientAuthRejected("The client-auth JWT has expired.");
    if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") throw clientAuthRejected(`The client-auth JWT claims are invalid: ${(error as Error).message}.`);
    throw clientAuthRejected("The client-auth JWT signature is invalid.");
  }

  const { iat, exp, jti, body_sha256: bodySha256 } = payload as { iat: number; exp: number; jti: unknown; body_sha256: unknown };
  if (iat > now + CLIENT_AUTH_SKEW_SECONDS) throw clientAuthRejected("The client-auth JWT is issued in the future.");
  if (exp - iat > CLIENT_AUTH_MAX_LIFETIME_SECONDS || exp <= iat) throw clientAuthRejected("The client-auth JWT must live at most 60 seconds (exp - iat).");
  if (typeof jti !== "string" || jti.length === 0 || jti.length > 128) throw clientAuthRejected("The client-auth JWT needs a jti of 1-128 characters.");
  if (typeof bodySha256 !== "string" || !constantTimeEqual(bodySha256, sha256Base64(rawBody))) {
    throw clientAuthRejected("body_sha256 does not match the SHA-256 of the request body.");
  }
  return { application, jti, rememberUntil: new Date((exp + CLIENT_AUTH_SKEW_SECONDS) * 1000) };
}

export const replayed = () => clientAuthRejected("This client-auth JWT (jti) has already been used.");

/** Authenticates the caller and honours the jti exactly once (one conditional insert). */
export async function verifyClientAuth(
  deps: Pick<Deps, "db" | "cache" | "clock">,
  authorization: string | null,
  rawBody: Uint8Array,
): Promise<ApplicationRow> {
  const assertion = await authenticateClientJwt(deps, authorization, rawBody);
  if (!(await recordClientAssertion(deps.db, assertion.application.id, assertion.jti, assertion.rememberUntil))) throw replayed();
  return assertion.application;
}
