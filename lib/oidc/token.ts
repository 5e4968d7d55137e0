// POST /oidc/token (docs 33 step 2 and 4; RFC 6749 §3.2, §4.1.3, §6; OIDC
// Core §3.1.3): a form-encoded request, the client authenticated by its
// rule's method, then one of the two grants this provider supports.
import type { Deps } from "../runtime";
import { authenticateClient } from "./client-auth";
import { oauthError } from "./errors";
import { assertNoNul, assertNoRepeats } from "./form";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { refreshTokenGrant } from "./grants/refresh-token";

export const GRANT_TYPES = ["authorization_code", "refresh_token"] as const;

export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  id_token?: string;
  scope: string;
  refresh_token?: string;
}

export async function exchangeToken(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">,
  request: { authorization: string | null; form: URLSearchParams },
): Promise<TokenResponse> {
  const { form } = request;
  assertNoRepeats(form);
  assertNoNul(form);
  const grantType = form.get("grant_type");
  if (!grantType) throw oauthError("invalid_request", "grant_type is required.");
  const client = await authenticateClient(deps, request);
  if (grantType === "authorization_code") return authorizationCodeGrant(deps, client, form);
  if (grantType === "refresh_token") return refreshTokenGrant(deps, client, form);
  throw oauthError("unsupported_grant_type", `grant_type must be one of: ${GRANT_TYPES.join(", ")}.`);
}
