// ID tokens (OIDC Core §2, docs 16) and the user claims /userinfo shares.
// Claims pass the scope gate AND the user's grant (docs 12): `email` (with
// email_verified — false for a SYNTHETIC placeholder address), given_name,
// family_name and a name composed of the shared parts. `sub` is the sector
// subject; signing is by the platform key, never the application's.
import { SignJWT } from "jose";
import { epochSeconds } from "../clock";
import { isSyntheticValue } from "../identity/claims";
import type { Deps } from "../runtime";
import type { SessionClaims } from "../sessions/session-claims";
import type { SessionSubject } from "../sessions/session-subject";
import { oidcEndpoints } from "./issuer";
import { activeSigner, ID_TOKEN_ALGORITHM } from "./signing-keys";

/** ID tokens are for the relying party to read at once; an hour is plenty. */
export const ID_TOKEN_TTL_SECONDS = 3600;

export interface OidcUserClaims {
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  name?: string;
}

/** The OIDC form of what the token may carry (`claims` resolved under the scope gate). */
export function oidcUserClaims(subject: Pick<SessionSubject, "claimPolicy">, claims: SessionClaims): OidcUserClaims {
  const { emailAddress, firstName, lastName } = claims.tokenClaims;
  const out: OidcUserClaims = {};
  if (emailAddress !== undefined) {
    out.email = emailAddress;
    out.email_verified = !isSyntheticValue(subject.claimPolicy, claims.states, claims.data, "email");
  }
  if (firstName !== undefined) out.given_name = firstName;
  if (lastName !== undefined) out.family_name = lastName;
  const name = [firstName, lastName].filter((part) => part !== undefined && part !== "").join(" ");
  if (name) out.name = name;
  return out;
}

export interface IdTokenInput {
  clientId: string;
  subject: string;
  authTime: Date;
  /** Only on the authorization-code grant (OIDC Core §12.2: never on refresh). */
  nonce: string | null;
  claims: OidcUserClaims;
}

export async function mintIdToken(deps: Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">, input: IdTokenInput): Promise<string> {
  const signer = await activeSigner(deps);
  const now = deps.clock.now();
  return new SignJWT({
    ...(input.nonce !== null ? { nonce: input.nonce } : {}),
    auth_time: epochSeconds(input.authTime),
    ...input.claims,
  })
    .setProtectedHeader({ alg: ID_TOKEN_ALGORITHM, typ: "JWT", kid: signer.kid })
    .setIssuer(oidcEndpoints(deps.config).issuer)
    .setSubject(input.subject)
    .setAudience(input.clientId)
    .setIssuedAt(epochSeconds(now))
    .setExpirationTime(epochSeconds(now) + ID_TOKEN_TTL_SECONDS)
    .sign(signer.key);
}
