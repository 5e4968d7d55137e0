// POST /connect-api/revoke-all (docs 30; connect.yaml `revokeAll`): the
// application (client-auth JWT) revokes every live session of one user —
// named by the sector subject it sees — within itself only.
import { z } from "zod";
import { findSectorSubject } from "@/db/queries/identity";
import { revokeLiveFamilies } from "@/db/queries/sessions";
import { verifyClientAuth } from "../connect/client-auth";
import { parseJsonBytes, parseWith } from "../http/body";
import type { Deps } from "../runtime";

export const revokeAllBodySchema = z.strictObject({ subject: z.string().min(1).max(128) });

export async function revokeAll(
  deps: Pick<Deps, "db" | "clock" | "cache">,
  request: { authorization: string | null; rawBody: Uint8Array },
): Promise<{ revokedCount: number }> {
  const application = await verifyClientAuth(deps, request.authorization, request.rawBody);
  const { subject } = parseWith(revokeAllBodySchema, parseJsonBytes(request.rawBody));
  // Only the live subject in the caller's sector names a user: a rotated-away
  // one answers like an unknown one, so revoking cannot link it to its successor.
  const owner = await findSectorSubject(deps.db, subject, application.sectorId);
  if (!owner) return { revokedCount: 0 };
  return { revokedCount: await revokeLiveFamilies(deps.db, { applicationId: application.id, accountId: owner.accountId }, "revoke-all", deps.clock.now()) };
}
