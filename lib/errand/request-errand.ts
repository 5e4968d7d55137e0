// POST /native-api/errand (native.yaml `createErrand`): the application asks
// for an errand on its own initiative — to invite the user to settle claims
// native issuance can never prompt for. Authenticated by an access token the
// application holds for the user: verified (signature, kind, expiry, session
// not revoked), then reverse-resolved from its `subject` to the account. The
// token only identifies the user; it never authorizes sharing, so these
// errands always make the user sign in again in the browser first.
import { z } from "zod";
import { findSectorSubject } from "@/db/queries/identity";
import { findRefreshToken } from "@/db/queries/sessions";
import { loadApplicationContextById } from "../applications/application-context";
import { fail, SudomimusError } from "../errors";
import { assertAccountActive, loadAccountIdentity } from "../identity/accounts";
import { claimsView, loadClaimStates, type ClaimsView } from "../identity/claims";
import type { Deps } from "../runtime";
import { verifyPresentedToken } from "../sessions/presented-token";
import { hashRefreshId } from "../sessions/refresh-ids";
import type { AccessTokenBody } from "../tokens";
import { handOffErrand, type ErrandHandoff } from "./errand";
import { hasWork, requestedTasks } from "./tasks";

export const requestErrandBodySchema = z.strictObject({ accessToken: z.string().min(1, "must not be empty").max(16_384, "is too long") });

export interface RequestedErrand {
  errand: ErrandHandoff | null;
  claims: ClaimsView;
}

const rejected = (message: string) => new SudomimusError("AccessTokenInvalid", { message });

export async function requestErrand(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">,
  input: z.output<typeof requestErrandBodySchema>,
): Promise<RequestedErrand> {
  const presented = await verifyPresentedToken<AccessTokenBody>(deps, input.accessToken, "Access");
  if (!presented) throw rejected("The access token is malformed or its signature is invalid.");
  const now = deps.clock.now();
  if (presented.header.exp * 1000 <= now.getTime()) throw rejected("The access token has expired; present a fresh one.");
  // A logged-out or revoked session's token no longer speaks for the user.
  const refreshId = presented.header.sub;
  const session = typeof refreshId === "string" && refreshId.length <= 64 ? await findRefreshToken(deps.db, hashRefreshId(deps.keyring, refreshId)) : null;
  if (!session || session.family.applicationId !== presented.application.id || session.family.revokedAt) {
    throw rejected("The session of this access token has ended.");
  }
  const subject = typeof presented.body.subject === "string" ? presented.body.subject : "";
  const owner = subject ? await findSectorSubject(deps.db, subject, presented.application.sectorId) : null;
  const identity = owner ? await loadAccountIdentity(deps.db, owner.accountId) : null;
  if (!identity) throw rejected("The access token no longer resolves to an account.");

  if (!presented.application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });
  assertAccountActive(identity.account);

  const context = await loadApplicationContextById(deps.db, presented.application.id);
  if (!context) throw rejected("The access token no longer resolves to an application.");
  const states = await loadClaimStates(deps.db, identity.account.id, context.application.id);
  const claims = claimsView(context.claimPolicy, states);
  const data = { email: identity.primaryEmail, firstName: identity.account.firstName, lastName: identity.account.lastName };
  const tasks = requestedTasks(context.claimPolicy, states, data);
  if (!hasWork(tasks)) return { errand: null, claims };
  const errand = await handOffErrand(deps, {
    applicationId: context.application.id,
    accountId: identity.account.id,
    reason: "ErrandRequested",
    tasks,
    requiresSignIn: true,
  });
  return { errand, claims };
}
