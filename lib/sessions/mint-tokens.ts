// Signing one access + refresh pair for a session. Both signatures run on
// the thread pool in parallel (lib/tokens/jws.ts).
import type { ApplicationRow } from "@/db/queries/applications";
import { tokenSigningPrivateKey } from "../applications/signing-key";
import { addSeconds, epochSeconds } from "../clock";
import { randomHex } from "../crypto/random-key";
import type { TokenClaims } from "../identity/claims";
import type { Deps } from "../runtime";
import { signToken } from "../tokens";
import { refreshTokenProof } from "./refresh-ids";

export interface TokenPairInput {
  application: Pick<ApplicationRow, "id" | "anchor" | "tokenSigningPublicKey">;
  subject: string;
  claims: TokenClaims;
  refreshId: string;
  issuedAt: Date;
  accessTokenTtlSeconds: number;
  refreshTokenExpiresAt: Date;
  /** OIDC sessions: the scope the access token was granted, carried in its header (userinfo reads it). */
  scope?: string | null;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
}

export async function mintTokenPair(deps: Pick<Deps, "db" | "keyring" | "cache" | "config">, input: TokenPairInput): Promise<TokenPair> {
  const key = await tokenSigningPrivateKey(deps, input.application);
  const iat = epochSeconds(input.issuedAt);
  const accessTokenExpiresAt = addSeconds(input.issuedAt, input.accessTokenTtlSeconds);
  const common = { alg: "RS256", typ: "JWT", iss: deps.config.tokenIssuer, aud: input.application.anchor, iat } as const;
  const [accessToken, refreshToken] = await Promise.all([
    signToken(
      {
        ...common,
        kty: "Access",
        sub: input.refreshId,
        exp: epochSeconds(accessTokenExpiresAt),
        jti: randomHex(16),
        ...(input.scope ? { scope: input.scope } : {}),
      },
      { subject: input.subject, ...input.claims },
      key,
    ),
    signToken(
      {
        ...common,
        kty: "Refresh",
        exp: epochSeconds(input.refreshTokenExpiresAt),
        jti: input.refreshId,
        proof: refreshTokenProof(deps.keyring, input.refreshId),
      },
      { subject: input.subject },
      key,
    ),
  ]);
  return { accessToken, refreshToken, accessTokenExpiresAt };
}
