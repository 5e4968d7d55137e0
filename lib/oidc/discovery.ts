// GET /oidc/.well-known/openid-configuration (OpenID Connect Discovery 1.0
// §3, docs 33): exactly what this provider does — nothing it would refuse.
// Every value is exercised by tests/integration/oidc-discovery.test.ts.
import type { Config } from "../config";
import { OIDC_SCOPES, TOKEN_ENDPOINT_AUTH_METHODS } from "../rules";
import { PROMPT_VALUES } from "./authorization-request";
import { oidcEndpoints } from "./issuer";
import { ID_TOKEN_ALGORITHM } from "./signing-keys";
import { GRANT_TYPES } from "./token";

/** Every claim an ID token or /userinfo can carry. */
export const CLAIMS_SUPPORTED = [
  "sub",
  "iss",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "nonce",
  "email",
  "email_verified",
  "name",
  "given_name",
  "family_name",
] as const;

export function discoveryDocument(config: Pick<Config, "publicUrl">) {
  const endpoints = oidcEndpoints(config);
  return {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorization,
    token_endpoint: endpoints.token,
    userinfo_endpoint: endpoints.userinfo,
    jwks_uri: endpoints.jwks,
    end_session_endpoint: endpoints.endSession,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: [...GRANT_TYPES],
    // The sector subject differs per sector: pairwise in OIDC's terms.
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: [ID_TOKEN_ALGORITHM],
    scopes_supported: [...OIDC_SCOPES],
    claims_supported: [...CLAIMS_SUPPORTED],
    claim_types_supported: ["normal"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: [...TOKEN_ENDPOINT_AUTH_METHODS],
    token_endpoint_auth_signing_alg_values_supported: ["RS256"],
    prompt_values_supported: [...PROMPT_VALUES],
    authorization_response_iss_parameter_supported: true,
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}
