// Reading a token a caller presents back to us: find the application from
// the header's `aud`, then verify the signature with that application's
// token-signing key. Returns null for anything that is not a genuine token.
import { findApplicationByAnchor, type ApplicationRow } from "@/db/queries/applications";
import { rsaVerificationKey } from "../applications/signing-key";
import type { Deps } from "../runtime";
import { peekTokenHeader, TokenFormatError, verifyToken, type TokenKind, type VerifiedToken } from "../tokens";

export async function verifyPresentedToken<Body>(
  deps: Pick<Deps, "db" | "cache">,
  token: string,
  kind: TokenKind,
): Promise<(VerifiedToken<Body> & { application: ApplicationRow }) | null> {
  let audience: unknown;
  try {
    audience = peekTokenHeader(token).aud;
  } catch (error) {
    if (error instanceof TokenFormatError) return null;
    throw error;
  }
  if (typeof audience !== "string" || audience.length > 64) return null;
  const application = await findApplicationByAnchor(deps.db, audience);
  if (!application) return null;
  const verified = await verifyToken<Body>(token, kind, await rsaVerificationKey(deps, application.tokenSigningPublicKey));
  if (!verified || verified.header.aud !== application.anchor) return null;
  return { ...verified, application };
}
