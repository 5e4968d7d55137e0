// POST /native-api/direct-issue/steam-ticket (docs 32; native.yaml
// `directIssueSteamTicket`): a Steam Web API ticket for tokens, in one round
// trip, in the order the spec gives:
//   Layer 1 STEAM_TICKET for this App ID → replay guard (one conditional
//   insert of sha256(lowercase hex), 24 hours) → Steam verifies the ticket →
//   the account of that SteamID64 (created on first sight, if Layer 2 and
//   Layer 3 would admit it: a refused player leaves no account) → the shared
//   direct-issue tail (active, domain policy, Layer 2, Layer 3, claim gate,
//   tokens).
// A ticket is spent by the call that issues tokens with it. When Steam cannot
// be reached (502), the claim gate hands out an Errand (403, docs 31–32:
// "retry the same direct-issue call once"), or the failure is ours (the
// database unavailable, any unexpected error: a 5xx), the replay record is
// released again, so the game's retry with the same ticket is not met by a 409.
// Concurrent presentations still conflict: the record is taken first.
import crypto from "node:crypto";
import { z } from "zod";
import { recordSteamTicket, releaseSteamTicket } from "@/db/queries/native";
import { anchorSchema } from "../applications/anchor";
import { loadApplicationContextByAnchor, type ApplicationContext } from "../applications/application-context";
import { addSeconds } from "../clock";
import { fail, isSudomimusError } from "../errors";
import { loadAccountIdentity } from "../identity/accounts";
import { findOrCreateSteamAccount } from "../identity/steam-identity";
import { checkAuthenticationMethod } from "../rules";
import type { Deps } from "../runtime";
import { assertIssuesToNewSteamAccount, issueDirectly, type DirectIssueDeps, type DirectIssueResult } from "./direct-issue";
import { authenticateUserTicket } from "./steam-web-api";

export const STEAM_TICKET_REPLAY_SECONDS = 24 * 3600;
/** Refusals after which the game retries the same call: nothing was issued with the ticket. */
const RETRYABLE_WITH_THE_SAME_TICKET = ["SteamUnavailable", "ClaimConsentRequired", "RequiredClaimDataMissing"] as const;

/** Whether the ticket goes back unspent: a retryable refusal, or a failure on our side rather than a verdict on the ticket or the player. */
function releasesTheTicket(error: unknown): boolean {
  if (!isSudomimusError(error) || error.status >= 500) return true;
  return RETRYABLE_WITH_THE_SAME_TICKET.some((reason) => error.reason === reason);
}
/** Web API tickets are a few hundred bytes; this leaves ample room and keeps URLs sane. */
const MAX_TICKET_HEX = 4096;

export const steamTicketBodySchema = z.strictObject({
  applicationAnchor: anchorSchema,
  steamTicketHex: z
    .string()
    .min(2, "must not be empty")
    .max(MAX_TICKET_HEX, `must be at most ${MAX_TICKET_HEX} hex characters`)
    .regex(/^(?:[0-9a-fA-F]{2})+$/, "must be the ticket bytes as hex (an even number of 0-9, a-f)"),
  // int64 on the wire; App IDs are 32-bit in Steam, so anything above is not one.
  steamAppId: z.int("must be an integer").min(1, "must be at least 1").max(4_294_967_295, "must be a Steam App ID"),
});

export type SteamTicketInput = z.output<typeof steamTicketBodySchema>;

export async function directIssueSteamTicket(
  deps: DirectIssueDeps & Pick<Deps, "fetch">,
  input: SteamTicketInput,
): Promise<DirectIssueResult> {
  const context = await loadApplicationContextByAnchor(deps.db, input.applicationAnchor);
  if (!context) fail("ApplicationNotFound", { message: "No application has this anchor." });
  if (!context.application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });

  const layer1 = checkAuthenticationMethod(context.rules.authentication, undefined, { method: "STEAM_TICKET", steamAppId: input.steamAppId });
  if (!layer1.allowed) fail("Layer1Denied", { message: "Steam tickets for this App ID are not a sign-in method of this application." });

  const now = deps.clock.now();
  const ticketHash = crypto.createHash("sha256").update(input.steamTicketHex.toLowerCase()).digest("hex");
  if (!(await recordSteamTicket(deps.db, ticketHash, now, addSeconds(now, STEAM_TICKET_REPLAY_SECONDS)))) {
    fail("SteamTicketReplayed", { message: "This Steam ticket was already presented; request a fresh one with GetAuthTicketForWebApi." });
  }

  try {
    return await verifiedAndIssued(deps, input, context, layer1.matchedRules);
  } catch (error) {
    // When the database itself failed, the release may fail too: the answer stays the original failure.
    if (releasesTheTicket(error)) await releaseSteamTicket(deps.db, ticketHash).catch(() => {});
    throw error;
  }
}

async function verifiedAndIssued(
  deps: DirectIssueDeps & Pick<Deps, "fetch">,
  input: SteamTicketInput,
  context: ApplicationContext,
  ttlSources: Parameters<typeof issueDirectly>[1]["ttlSources"],
): Promise<DirectIssueResult> {
  // The original bytes as sent: Steam is the one that reads them.
  const verdict = await authenticateUserTicket(deps, { appId: input.steamAppId, ticketHex: input.steamTicketHex });
  if (!verdict.ok) {
    fail("SteamTicketInvalid", {
      message: "Steam rejected the ticket (it must come from GetAuthTicketForWebApi(\"sudomimus\") for this App ID).",
      detail: `Steam error ${verdict.errorCode ?? "?"}: ${verdict.errorDescription}`,
    });
  }
  const owner = await findOrCreateSteamAccount(deps, verdict.steamId64, () => assertIssuesToNewSteamAccount(context, verdict.steamId64));
  if ("erased" in owner) fail("AccountDeleted", { message: "This player deleted their account; a new one is made only by signing up again." });
  const identity = await loadAccountIdentity(deps.db, owner.accountId);
  if (!identity) fail("AccountNotFound", { message: "The account of this Steam identity no longer exists." });
  return issueDirectly(deps, { context, identity, origin: "STEAM_TICKET", method: "STEAM_TICKET", ttlSources });
}
