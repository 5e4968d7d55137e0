// POST /connect-api/establish (docs 17, 07–09; connect.yaml `establish`):
// the application backend opens an inquiry and receives the exposure key
// (for the browser) and the hidden key (kept on the server). The client-auth
// jti is recorded in the same statement that creates the inquiry, so a
// replayed JWT creates nothing.
import { z } from "zod";
import { findEstablishRules } from "@/db/queries/applications";
import { insertInquiryRecordingJti } from "@/db/queries/inquiries";
import { toApplicationRules } from "../applications/application-context";
import { addSeconds } from "../clock";
import { newKey } from "../crypto/random-key";
import { fail } from "../errors";
import { parseJsonBytes, parseWith } from "../http/body";
import { establishNarrowingShape, validateReturnDeclarations } from "../rules";
import type { Deps } from "../runtime";
import { authenticateClientJwt, clientAuthRejected, replayed } from "../connect/client-auth";
import { hashExposureKey, hashHiddenKey } from "./keys";
import { INQUIRY_LIVES, INQUIRY_STATUS_POLLS, INQUIRY_TTL_SECONDS } from "./lifetimes";

export const establishBodySchema = z.strictObject({
  applicationAnchor: z.string().max(64),
  ...establishNarrowingShape,
});

export interface EstablishResult {
  applicationAnchor: string;
  exposureKey: string;
  hiddenKey: string;
}

export async function establish(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "cache">,
  request: { authorization: string | null; rawBody: Uint8Array },
): Promise<EstablishResult> {
  const assertion = await authenticateClientJwt(deps, request.authorization, request.rawBody);
  const { application } = assertion;
  const body = parseWith(establishBodySchema, parseJsonBytes(request.rawBody));
  if (body.applicationAnchor !== application.anchor) throw clientAuthRejected("The client-auth JWT's iss must equal applicationAnchor.");
  if (!application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });

  const facts = await findEstablishRules(deps.db, application.id);
  const returnRules = toApplicationRules({ authentication: [], realize: [], return: facts.returnRules.map((rule) => ({ id: "", ...rule })) }).return;
  // Default-deny: an empty layer lets no one through, so say so now rather than at sign-in.
  if (facts.authenticationRuleCount === 0) fail("Layer1Denied", { message: "The application has no authentication rules." });
  if (facts.realizeRuleCount === 0) fail("Layer2Denied", { message: "The application has no realize rules." });
  if (body.returnMethods) {
    const validation = validateReturnDeclarations(returnRules, body.returnMethods);
    if (!validation.ok) {
      const message = validation.problems.map((problem) => problem.message).join("; ");
      if (validation.problems.some((problem) => problem.code === "NOT_DECLARABLE" || problem.code === "CALLBACK_DECLARED_TWICE")) {
        fail("Invalid returnMethods", { message });
      }
      fail("Layer3Denied", { message });
    }
  } else if (!returnRules.some((rule) => rule.returnMethod === "STATUS_POLL")) {
    // Without declarations only STATUS_POLL can deliver (a CALLBACK needs its URL).
    fail("Layer3Denied", {
      message: "No return method can deliver this inquiry: declare returnMethods (a CALLBACK with its callbackUrl) or add a STATUS_POLL rule.",
    });
  }

  const exposureKey = newKey("exposure");
  const hiddenKey = newKey("hidden");
  const now = deps.clock.now();
  const created = await insertInquiryRecordingJti(
    deps.db,
    { applicationId: application.id, jti: assertion.jti, rememberUntil: assertion.rememberUntil },
    {
      applicationId: application.id,
      purpose: "CONNECT",
      exposureKeyHash: hashExposureKey(deps.keyring, exposureKey),
      hiddenKeyHash: hashHiddenKey(deps.keyring, hiddenKey),
      authenticationConstraints: body.authenticationConstraints ?? null,
      realizeConstraints: body.realizeConstraints ?? null,
      returnMethods: body.returnMethods ?? null,
      livesRemaining: INQUIRY_LIVES,
      statusPollsRemaining: INQUIRY_STATUS_POLLS,
      expiresAt: addSeconds(now, INQUIRY_TTL_SECONDS),
      createdAt: now,
    },
  );
  if (!created) throw replayed();
  return { applicationAnchor: application.anchor, exposureKey, hiddenKey };
}
