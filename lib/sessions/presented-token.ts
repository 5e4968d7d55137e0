// Reading a token a caller presents back to us: find the application from
// the header's `aud`, then verify the signature with that application's
// token-signing key (a refresh token: or, with its proof, the one before its
// last rotation). Returns null for anything that is not a genuine token.
import { findApplicationByAnchor, type ApplicationRow } from "@/db/queries/applications";
import { isAnchor } from "../applications/anchor";
import { verifyApplicationToken } from "../applications/signing-key";
import type { Deps } from "../runtime";
import { peekTokenHeader, type TokenKind, type VerifiedToken } from "../tokens";

export async function verifyPresentedToken<Body>(
  deps: Pick<Deps, "db" | "cache" | "keyring">,
  token: string,
  kind: TokenKind,
): Promise<(VerifiedToken<Body> & { application: ApplicationRow }) | null> {
  const audience = peekTokenHeader(token)?.aud;
  // Nothing vouches for this header yet: only a well-formed anchor is worth a lookup (a NUL would fail the query).
  if (!isAnchor(audience)) return null;
  const application = await findApplicationByAnchor(deps.db, audience);
  if (!application) return null;
  const verified = verifyApplicationToken<Body>(deps, token, kind, application);
  if (!verified || verified.header.aud !== application.anchor) return null;
  return { ...verified, application };
}
