// Where the OpenID Provider lives: the issuer is `${PUBLIC_URL}/oidc` and
// every endpoint hangs off it, so discovery, the client-assertion audience,
// `iss` in tokens and in authorization responses all agree by construction.
import type { Config } from "../config";

export interface OidcEndpoints {
  issuer: string;
  authorization: string;
  token: string;
  userinfo: string;
  jwks: string;
  endSession: string;
  discovery: string;
}

export function oidcEndpoints(config: Pick<Config, "publicUrl">): OidcEndpoints {
  const issuer = `${config.publicUrl}/oidc`;
  return {
    issuer,
    authorization: `${issuer}/authorize`,
    token: `${issuer}/token`,
    userinfo: `${issuer}/userinfo`,
    jwks: `${issuer}/.well-known/jwks.json`,
    endSession: `${issuer}/end-session`,
    discovery: `${issuer}/.well-known/openid-configuration`,
  };
}
