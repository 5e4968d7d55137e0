// OIDC inquiries (docs 33, 09): a realized sign-in leaves via for the relying
// party's redirect URI with a single-use authorization code, the request's
// state and our issuer. The application must still have an OIDC rule that
// lists the redirect URI and allows every requested scope; the rules listing
// the URI join the TTL fold. The requested scope is the claim gate (docs 12),
// and prompt / max_age decide how fresh the sign-in and consent must be;
// an id_token_hint decides who may sign in.
// A user who declines is sent back with error=access_denied (RFC 6749
// §4.1.2.1, OIDC Core §3.1.2.6).
import { insertCodeConsumingInquiry } from "@/db/queries/oidc";
import { addSeconds } from "../../clock";
import { newKey } from "../../crypto/random-key";
import { fail } from "../../errors";
import { readStoredRequest } from "../../oidc/authorization-request";
import { codeResponse, errorResponseUrl } from "../../oidc/authorization-response";
import { AUTHORIZATION_CODE_TTL_SECONDS, hashAuthorizationCode } from "../../oidc/codes";
import { oidcEndpoints } from "../../oidc/issuer";
import { claimsOfScope, scopeValues } from "../../oidc/scope";
import { oidcClientConfig, type ReturnRule } from "../../rules";
import type { DeliveryPlanner } from "../delivery";
import { inquiryNotFound } from "../load-inquiry";

export const oidcDelivery: DeliveryPlanner = (context, inquiry) => {
  const request = readStoredRequest(inquiry.row.context);
  if (!request) throw inquiryNotFound();
  const client = oidcClientConfig(context.rules.return);
  const scopesAllowed = client !== null && scopeValues(request.scope).every((scope) => (client.allowedScopes as readonly string[]).includes(scope));
  if (!client || !client.redirectUris.includes(request.redirectUri) || !scopesAllowed) {
    fail("Layer3Denied", { message: "The application no longer allows this OpenID Connect sign-in." });
  }
  const rules = context.rules.return.filter(
    (rule): rule is Extract<ReturnRule, { returnMethod: "OIDC" }> => rule.returnMethod === "OIDC" && rule.payload.redirectUris.includes(request.redirectUri),
  );
  return {
    rules,
    claims: claimsOfScope(request.scope),
    signInNotBefore: request.signInNotBefore ? new Date(request.signInNotBefore) : null,
    consentNotBefore: request.consentNotBefore ? new Date(request.consentNotBefore) : null,
    expectedSubject: request.hintedSubject,
    async finish(deps, realized) {
      const code = newKey("oidcCode");
      const now = deps.clock.now();
      const issued = await insertCodeConsumingInquiry(deps.db, realized.inquiry.row.id, {
        codeHash: hashAuthorizationCode(deps.keyring, code),
        applicationId: context.application.id,
        redirectUri: request.redirectUri,
        codeChallenge: request.codeChallenge,
        scope: request.scope,
        nonce: request.nonce,
        expiresAt: addSeconds(now, AUTHORIZATION_CODE_TTL_SECONDS),
        now,
      });
      if (!issued) fail("InquiryExpired", { message: "This sign-in is no longer pending; start again from the application." });
      return { next: "callback", redirectTo: codeResponse(request.redirectUri, { code, state: request.state, issuer: oidcEndpoints(deps.config).issuer }) };
    },
    async decline(deps) {
      const issuer = oidcEndpoints(deps.config).issuer;
      const description = "The user declined to sign in to this application.";
      return { next: "callback", declined: true, redirectTo: errorResponseUrl(request.redirectUri, { error: "access_denied", description, state: request.state, issuer }) };
    },
  };
};
