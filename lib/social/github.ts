// GitHub as an upstream OAuth 2.0 provider (docs 06, GITHUB_OAUTH): no ID
// token; the identity is the REST API's. `GET /user` gives the stable
// numeric id and the name; `GET /user/emails` the addresses, of which only
// `verified: true` ones count (the primary first); `GET /user/orgs` the
// organization logins — asked only when `read:org` was requested, i.e. when
// some matching rule gates on organizations. Without that lookup the
// membership is unknown, and org gating fails closed.
import type { Config } from "../config";
import { UpstreamError, type UpstreamIdentity } from "../federation/upstream-oidc";
import { emailAddressSchema } from "../identity/email-address";
import type { Deps } from "../runtime";
import { getWithToken, type OAuth2Client } from "./oauth2";

export const GITHUB_SCOPES = ["read:user", "user:email"];
export const GITHUB_ORG_SCOPE = "read:org";
// GitHub's REST API asks every client to name itself and the API version it speaks.
const HEADERS = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "Sudomimus" };

export function gitHubClient(config: Config): OAuth2Client {
  const github = config.social.github;
  if (!github) throw new UpstreamError("unreachable", "GitHub sign-in is not configured.");
  return { authorizeUrl: `${github.url}/login/oauth/authorize`, tokenUrl: `${github.url}/login/oauth/access_token`, clientId: github.clientId, clientSecret: github.clientSecret };
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The first of GitHub's verified addresses, the primary one before the others. */
function verifiedEmail(emails: unknown): string | null {
  const verified = list(emails)
    .map(record)
    .filter((entry) => entry.verified === true)
    .sort((a, b) => Number(b.primary === true) - Number(a.primary === true));
  for (const entry of verified) {
    const parsed = emailAddressSchema.safeParse(entry.email);
    if (parsed.success) return parsed.data;
  }
  return null;
}

function splitName(name: unknown): { firstName: string | null; lastName: string | null } {
  const parts = typeof name === "string" ? name.trim().slice(0, 200).split(/\s+/).filter(Boolean) : [];
  return { firstName: parts[0] ?? null, lastName: parts.length > 1 ? parts.slice(1).join(" ") : null };
}

// GitHub pages lists (at most 100 per page). Ten pages cover any real
// membership; past that the rest stays unknown, and org gating fails closed for it.
const ORGS_PER_PAGE = 100;
const MAX_ORG_PAGES = 10;

/** Every organization login of the user, page by page until a short page. */
async function organizationLogins(deps: Pick<Deps, "fetch">, url: string, token: string): Promise<string[]> {
  const logins: string[] = [];
  for (let page = 1; page <= MAX_ORG_PAGES; page++) {
    const entries = list(await getWithToken(deps, `${url}?per_page=${ORGS_PER_PAGE}&page=${page}`, token, HEADERS));
    for (const entry of entries) {
      const login = record(entry).login;
      if (typeof login === "string") logins.push(login);
    }
    if (entries.length < ORGS_PER_PAGE) break;
  }
  return logins;
}

export async function gitHubIdentity(
  deps: Pick<Deps, "fetch" | "config">,
  token: string,
  withOrgs: boolean,
): Promise<UpstreamIdentity & { gitHubOrgs?: string[] }> {
  const api = deps.config.social.github!.apiUrl;
  const user = record(await getWithToken(deps, `${api}/user`, token, HEADERS));
  if (typeof user.id !== "number" && typeof user.id !== "string") throw new UpstreamError("invalid", "GitHub's /user has no id.");
  const email = verifiedEmail(await getWithToken(deps, `${api}/user/emails`, token, HEADERS));
  const orgs = withOrgs ? await organizationLogins(deps, `${api}/user/orgs`, token) : undefined;
  return { subject: String(user.id), email, emailVerified: email !== null, ...splitName(user.name), ...(orgs ? { gitHubOrgs: orgs } : {}) };
}
