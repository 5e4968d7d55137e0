// id_token_hint (OIDC Core §3.1.2.1, RP-Initiated Logout §2): an ID token we
// issued, passed back by the relying party to name the user it expects. Our
// signature (a published key) and our issuer make it ours; its expiry is
// deliberately ignored — a hint may be an old token. The user it names is the
// one whose live sector subject in the client's sector is its `sub`.
import { compactVerify, decodeProtectedHeader } from "jose";
import type { Deps } from "../runtime";
import { oidcEndpoints } from "./issuer";
import { publishedVerificationKey } from "./signing-keys";

export interface IdTokenHint {
  sub: string;
  clientId: string;
}

export async function verifyIdTokenHint(deps: Pick<Deps, "db" | "cache" | "config">, token: string): Promise<IdTokenHint | null> {
  try {
    const { kid } = decodeProtectedHeader(token);
    const key = typeof kid === "string" ? await publishedVerificationKey(deps, kid) : null;
    if (!key) return null;
    const { payload } = await compactVerify(token, key, { algorithms: ["RS256"] });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { iss?: unknown; sub?: unknown; aud?: unknown };
    const audience = Array.isArray(claims.aud) && claims.aud.length === 1 ? claims.aud[0] : claims.aud;
    if (claims.iss !== oidcEndpoints(deps.config).issuer || typeof claims.sub !== "string" || typeof audience !== "string") return null;
    return { sub: claims.sub, clientId: audience };
  } catch {
    return null;
  }
}
