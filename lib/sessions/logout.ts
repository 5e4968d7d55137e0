// POST /connect-api/logout (docs 30; connect.yaml `logout`): revoke the one
// session a genuine refresh token belongs to. Idempotent; a token that does
// not resolve answers revoked: false without saying whether it ever existed.
import { findRefreshToken, revokeFamily } from "@/db/queries/sessions";
import type { Deps } from "../runtime";
import type { RefreshTokenBody } from "../tokens";
import { verifyPresentedToken } from "./presented-token";
import { hashRefreshId } from "./refresh-ids";

export async function logout(deps: Pick<Deps, "db" | "keyring" | "clock" | "cache">, input: { refreshToken: string }): Promise<{ revoked: boolean }> {
  const presented = await verifyPresentedToken<RefreshTokenBody>(deps, input.refreshToken, "Refresh");
  if (!presented) return { revoked: false };
  const found = await findRefreshToken(deps.db, hashRefreshId(deps.keyring, presented.header.jti));
  if (!found || found.family.applicationId !== presented.application.id) return { revoked: false };
  await revokeFamily(deps.db, found.family.id, "logout", deps.clock.now());
  return { revoked: true };
}
