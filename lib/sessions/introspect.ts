// POST /connect-api/introspect (docs 30; connect.yaml `introspect`): is the
// session behind this access token still alive? The token's signature is
// verified; its own expiry is deliberately not enforced.
import { findLiveTokenOfFamily, findRefreshToken } from "@/db/queries/sessions";
import { SudomimusError } from "../errors";
import type { Deps } from "../runtime";
import type { AccessTokenBody } from "../tokens";
import { verifyPresentedToken } from "./presented-token";
import { hashRefreshId } from "./refresh-ids";

export const RECOMMENDED_RECHECK_SECONDS = 600;

export type SessionStatus = "active" | "revoked" | "expired" | "not_found";

export async function introspect(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "cache">,
  input: { accessToken: string },
): Promise<{ status: SessionStatus; recommendedRecheckSeconds: number }> {
  const presented = await verifyPresentedToken<AccessTokenBody>(deps, input.accessToken, "Access");
  if (!presented) throw new SudomimusError("AccessTokenInvalid", { message: "The access token is malformed or its signature is invalid." });
  const answer = (status: SessionStatus) => ({ status, recommendedRecheckSeconds: RECOMMENDED_RECHECK_SECONDS });
  const refreshId = presented.header.sub;
  if (typeof refreshId !== "string") return answer("not_found");
  const found = await findRefreshToken(deps.db, hashRefreshId(deps.keyring, refreshId));
  if (!found || found.family.applicationId !== presented.application.id) return answer("not_found");
  if (found.family.revokedAt || found.token.suspendedAt) return answer("revoked");
  // After rotation the session lives on in the family's current token.
  const live = found.token.rotatedAt ? await findLiveTokenOfFamily(deps.db, found.family.id) : found.token;
  if (!live) return answer("not_found");
  if (live.suspendedAt) return answer("revoked");
  if (live.expiresAt.getTime() <= deps.clock.now().getTime()) return answer("expired");
  return answer("active");
}
