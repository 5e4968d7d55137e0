// Starting a session: a new refresh-token family, its first refresh token and
// an access token. When the issue consumes something single-use (an inquiry,
// a device session, an OIDC code), that conditional write is part of the same
// statement as the inserts — the loser of a race mints nothing.
import { randomUUID } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { insertSessionConsuming } from "@/db/queries/sessions";
import { addSeconds } from "../clock";
import type { TokenTtls } from "../rules";
import type { Deps } from "../runtime";
import { mintTokenPair, type TokenPair } from "./mint-tokens";
import { hashRefreshId, newRefreshId } from "./refresh-ids";
import type { SessionClaims } from "./session-claims";
import type { SessionSubject } from "./session-subject";

export type SessionOrigin = "CONNECT" | "DEVICE" | "STEAM_TICKET" | "ACCESS_KEY" | "OIDC";

export interface NewSession {
  application: SessionSubject["application"];
  accountId: string;
  claims: SessionClaims;
  origin: SessionOrigin;
  authenticationMethod: string | null;
  emailAddress: string | null;
  ttls: TokenTtls;
  authTime: Date;
  oidcScope?: string | null;
  accessKeyId?: string | null;
}

export interface IssuedSession extends TokenPair {
  familyId: string;
  refreshId: string;
  refreshTokenExpiresAt: Date;
}

export async function issueSession(
  deps: Pick<Deps, "db" | "keyring" | "cache" | "config" | "clock">,
  session: NewSession,
  /**
   * A single-use consumption (`update … returning 1`) that must succeed for
   * the session to exist; a function receives the new family's id (an OIDC
   * code records what it minted, so a replay can revoke it).
   */
  consume: SQL | ((familyId: string) => SQL) | null = null,
): Promise<IssuedSession | null> {
  const now = deps.clock.now();
  const refreshId = newRefreshId();
  const familyId = randomUUID();
  const refreshTokenExpiresAt = addSeconds(now, session.ttls.refreshTokenTtlSeconds);
  // Sign first (on the thread pool), then one statement writes everything or nothing.
  const pair = await mintTokenPair(deps, {
    application: session.application,
    subject: session.claims.subject,
    claims: session.claims.tokenClaims,
    refreshId,
    issuedAt: now,
    accessTokenTtlSeconds: session.ttls.accessTokenTtlSeconds,
    refreshTokenExpiresAt,
    scope: session.oidcScope ?? null,
  });
  const created = await insertSessionConsuming(deps.db, typeof consume === "function" ? consume(familyId) : consume, {
    family: {
      id: familyId,
      applicationId: session.application.id,
      accountId: session.accountId,
      origin: session.origin,
      authenticationMethod: session.authenticationMethod,
      emailAddress: session.emailAddress,
      accessTokenTtlSeconds: session.ttls.accessTokenTtlSeconds,
      refreshTokenTtlSeconds: session.ttls.refreshTokenTtlSeconds,
      authTime: session.authTime,
      oidcScope: session.oidcScope ?? null,
      accessKeyId: session.accessKeyId ?? null,
    },
    token: { idHash: hashRefreshId(deps.keyring, refreshId), issuedAt: now, expiresAt: refreshTokenExpiresAt },
  });
  return created ? { ...pair, familyId, refreshId, refreshTokenExpiresAt } : null;
}
