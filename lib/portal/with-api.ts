// The With API (docs 03): the portal's operations for the Sudomimus CLI.
// The CLI holds a Connect token pair of the portal's own application
// (`sudomimus-with`), obtained by the device flow, and presents the access
// token as `Authorization: Bearer` (RFC 6750). The token must be the
// portal's, genuine, unexpired, and its session still alive — a logout or a
// revoked family ends it at once, not at the token's exp. Its subject is
// resolved to the account here; the internal account id never leaves.
import { findSectorById } from "@/db/queries/applications";
import { findAccountBySubject, listEmailIdentities, type AccountRow } from "@/db/queries/identity";
import { loadApplicationContext, type ApplicationRules } from "../applications/application-context";
import type { ClaimPolicy } from "../applications/claim-policy";
import { applicationFor } from "../developer/access";
import { replaceRules } from "../developer/application-config/rules";
import { applicationName, developerOverview } from "../developer/overview";
import { fail } from "../errors";
import { accountAliasFor } from "../identity/account-alias";
import type { Deps } from "../runtime";
import { introspect } from "../sessions/introspect";
import { verifyPresentedToken } from "../sessions/presented-token";
import type { AccessTokenBody } from "../tokens";
import { PORTAL_ANCHOR } from "../seed";

type WithApiDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache">;

/** RFC 6750 §3: the challenge, with the error when a token was presented. */
function challenge(error?: { code: "invalid_token"; description: string }): Record<string, string> {
  const parts = [`realm="${PORTAL_ANCHOR}"`];
  if (error) parts.push(`error="${error.code}"`, `error_description="${error.description}"`);
  return { "www-authenticate": `Bearer ${parts.join(", ")}` };
}

function refuse(reason: "AccessTokenInvalid" | "AccessTokenExpired", message: string): never {
  return fail(reason, { message, headers: challenge({ code: "invalid_token", description: message }) });
}

/** The account behind the request's bearer token, and the token's subject. */
export async function withApiCaller(deps: WithApiDeps, authorization: string | null): Promise<{ account: AccountRow; subject: string }> {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? "");
  if (!match) fail("AccessTokenInvalid", { message: "Send the access token as `Authorization: Bearer <token>`.", headers: challenge() });
  const token = match[1]!;
  const presented = await verifyPresentedToken<AccessTokenBody>(deps, token, "Access");
  if (!presented || presented.application.anchor !== PORTAL_ANCHOR) refuse("AccessTokenInvalid", "The access token is not a valid token of the Sudomimus portal.");
  if (presented.header.exp * 1000 <= deps.clock.now().getTime()) refuse("AccessTokenExpired", "The access token has expired; refresh it and retry.");
  if ((await introspect(deps, { accessToken: token })).status !== "active") refuse("AccessTokenInvalid", "The session behind this access token has ended.");
  // A subject the user has since rotated names nobody (the rotation also ended the session).
  const account = await findAccountBySubject(deps.db, presented.body.subject, PORTAL_ANCHOR);
  if (!account) refuse("AccessTokenInvalid", "The access token's subject is no longer in use; refresh it and retry.");
  if (account.status === "DELETED") fail("AccountDeleted", { message: "This account has been deleted." });
  if (account.status === "DISABLED") fail("AccountDisabled", { message: "This account is disabled." });
  return { account, subject: presented.body.subject };
}

export interface Whoami {
  /** The handle the user shares for allowlists (docs 14). */
  accountAlias: string;
  /** The account's subject in the portal's sector: what the portal's tokens carry. */
  subject: string;
  firstName: string | null;
  lastName: string | null;
  /** The primary verified email; null when the account has none (Steam- or key-only). */
  emailAddress: string | null;
  emailAddresses: string[];
}

/** `sudomimus whoami`: the signed-in With account. */
export async function whoami(deps: WithApiDeps, authorization: string | null): Promise<Whoami> {
  const { account, subject } = await withApiCaller(deps, authorization);
  const [alias, emails] = await Promise.all([accountAliasFor(deps.db, account.id), listEmailIdentities(deps.db, account.id)]);
  const primary = emails.find((email) => email.isPrimary) ?? emails[0];
  return {
    accountAlias: alias,
    subject,
    firstName: account.firstName,
    lastName: account.lastName,
    emailAddress: primary?.email ?? null,
    emailAddresses: emails.map((email) => email.email),
  };
}

/** `sudomimus organizations`: the caller's organizations as the portal lists them, by anchors only (no internal id). */
export interface WithOrganizations {
  organizations: {
    organizationAnchor: string;
    name: string;
    role: "VIEWER" | "ADMIN" | "OWNER";
    retired: boolean;
    sectors: { sectorAnchor: string; name: string; retired: boolean }[];
    applications: { applicationAnchor: string; name: string; sectorAnchor: string | null; enabled: boolean }[];
  }[];
}

export async function organizations(deps: WithApiDeps, authorization: string | null, locale = "en-US"): Promise<WithOrganizations> {
  const { account } = await withApiCaller(deps, authorization);
  const overview = await developerOverview(deps.db, account.id);
  return {
    organizations: overview.map(({ organization, role, sectors, applications }) => {
      const sectorAnchor = new Map(sectors.map((sector) => [sector.id, sector.anchor]));
      return {
        organizationAnchor: organization.anchor,
        name: organization.name,
        role,
        retired: organization.disabledAt !== null,
        sectors: sectors.map((sector) => ({ sectorAnchor: sector.anchor, name: sector.name, retired: sector.disabledAt !== null })),
        applications: applications.map((application) => ({
          applicationAnchor: application.anchor,
          name: applicationName(application, locale),
          sectorAnchor: sectorAnchor.get(application.sectorId) ?? null,
          enabled: application.enabled,
        })),
      };
    }),
  };
}

/**
 * `sudomimus application <anchor>`: one application of the caller's
 * organizations (any role may view, as in the portal), by anchors only. The
 * rules are those in force, in the docs' shape (an unset TTL override is
 * null) — what the admin CLI's --rules-file takes.
 */
export interface WithApplication {
  applicationAnchor: string;
  name: string;
  /** The display name per locale, and the locale that is the fallback. */
  names: Record<string, string>;
  defaultLocale: string;
  enabled: boolean;
  organizationAnchor: string;
  role: "VIEWER" | "ADMIN" | "OWNER";
  sectorAnchor: string | null;
  /** PEM: verify this application's tokens with it (the same key /info returns). */
  tokenSigningPublicKey: string;
  clientAuthPublicKey: string;
  tokenSigningKeyRotatedAt: string | null;
  clientAuthKeyRotatedAt: string | null;
  claimPolicy: ClaimPolicy;
  rules: ApplicationRules;
}

export async function application(deps: WithApiDeps, authorization: string | null, anchor: string): Promise<WithApplication> {
  const { account } = await withApiCaller(deps, authorization);
  return applicationView(deps, account.id, anchor);
}

/**
 * `sudomimus set-rules <anchor> --rules-file <path>`: replaces the
 * application's rules (ADMIN+, as in the portal's Rules tab) with rules in
 * the docs' shape and answers the application as `application` shows it.
 * The body is read only for a caller with a valid token (`readRules`): a
 * stranger learns nothing from how a body is refused, and costs no parse.
 */
export async function setApplicationRules(deps: WithApiDeps, authorization: string | null, anchor: string, readRules: () => Promise<unknown>): Promise<WithApplication> {
  const { account } = await withApiCaller(deps, authorization);
  await replaceRules(deps, account.id, anchor, await readRules());
  return applicationView(deps, account.id, anchor);
}

async function applicationView(deps: WithApiDeps, accountId: string, anchor: string, locale = "en-US"): Promise<WithApplication> {
  const { application: found, organization, role } = await applicationFor(deps.db, accountId, anchor, "view");
  const [context, sector] = await Promise.all([loadApplicationContext(deps.db, found), findSectorById(deps.db, found.sectorId)]);
  return {
    applicationAnchor: found.anchor,
    name: applicationName(found, locale),
    names: found.names,
    defaultLocale: found.defaultLocale,
    enabled: found.enabled,
    organizationAnchor: organization.anchor,
    role,
    sectorAnchor: sector?.anchor ?? null,
    tokenSigningPublicKey: found.tokenSigningPublicKey,
    clientAuthPublicKey: found.clientAuthPublicKey,
    tokenSigningKeyRotatedAt: found.tokenSigningKeyRotatedAt?.toISOString() ?? null,
    clientAuthKeyRotatedAt: found.clientAuthKeyRotatedAt?.toISOString() ?? null,
    claimPolicy: context.claimPolicy,
    rules: context.rules,
  };
}
