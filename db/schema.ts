// The whole data model of Sudomimus, for every capability the docs describe.
// Conventions: tables snake_case plural, Drizzle constants camelCase; every
// secret the server only checks is stored as a keyed hash (`*_hash`), every
// secret it must use later is AES-GCM sealed (`*_sealed`); the internal
// account id is a foreign key only and never leaves the server.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => at("created_at").notNull().defaultNow();

// ---------------------------------------------------------------- enums

export const accountStatus = pgEnum("account_status", ["ACTIVE", "DISABLED", "DELETED"]);
export const authenticationKind = pgEnum("authentication_kind", [
  "PASSKEY",
  "EMAIL",
  "STEAM_ID64",
  "GOOGLE",
  "GITHUB",
  "DISCORD",
  "BATTLENET",
  "X",
  "FEDERATION",
]);
export const emailVerifiedHow = pgEnum("email_verified_how", [
  "EMAIL_OTP",
  "GOOGLE",
  "GITHUB",
  "DISCORD",
  "FEDERATION",
]);
export const memberRole = pgEnum("member_role", ["VIEWER", "ADMIN", "OWNER"]);
export const claimName = pgEnum("claim_name", ["EMAIL", "FIRST_NAME", "LAST_NAME"]);
export const claimRequirement = pgEnum("claim_requirement", ["OFF", "OPTIONAL", "REQUIRED", "SYNTHETIC"]);
// UNKNOWN is the absence of a row; only decisions are stored.
export const claimDecision = pgEnum("claim_decision", ["GRANTED", "DENIED"]);
export const inquiryState = pgEnum("inquiry_state", ["PENDING", "REALIZED", "REDEEMED", "DEAD"]);
export const inquiryPurpose = pgEnum("inquiry_purpose", ["CONNECT", "OIDC", "DEVICE", "ERRAND"]);
export const deviceSessionState = pgEnum("device_session_state", [
  "PENDING",
  "APPROVED",
  "DENIED",
  "CONSUMED",
  "FAILED",
]);
export const errandState = pgEnum("errand_state", ["PENDING", "COMPLETED", "CONSUMED"]);
export const domainState = pgEnum("domain_state", ["PENDING", "VERIFIED"]);
export const loginPolicyKind = pgEnum("login_policy_kind", ["ALLOW_ALL", "BLOCK_ALL", "SSO_ONLY"]);
export const challengePurpose = pgEnum("challenge_purpose", ["SIGN_IN", "REGISTER", "ADD_EMAIL", "ADD_PASSKEY"]);
export const signingKeyState = pgEnum("signing_key_state", ["ACTIVE", "RETIRED", "REVOKED"]);

// ---------------------------------------------------------------- identity

/** The person. Deliberately no email column: email ownership is `email_identities`. */
export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  firstName: text("first_name"),
  lastName: text("last_name"),
  locale: text("locale"),
  status: accountStatus("status").notNull().default("ACTIVE"),
  createdAt: createdAt(),
  disabledAt: at("disabled_at"),
  // Erasure keeps a tombstone so tokens of the account answer AccountDeleted.
  deletedAt: at("deleted_at"),
});

/** The user-visible, application-invisible, rotatable handle; one per account. */
export const accountAliases = pgTable("account_aliases", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  alias: text("alias").notNull().unique(),
  createdAt: createdAt(),
});

/** One credential an account can sign in with (never an access key: see access_key_credentials). */
export const authentications = pgTable(
  "authentications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    kind: authenticationKind("kind").notNull(),
    // The provider's stable key: the email for EMAIL, SteamID64, the OAuth
    // `sub`/user id, the federation subject, the base64url credential id for PASSKEY.
    subject: text("subject").notNull(),
    // Federation identities are namespaced per connector; "" for every other kind.
    namespace: text("namespace").notNull().default(""),
    label: text("label"),
    // Passkey material (null for other kinds).
    publicKey: bytea("public_key"),
    signCount: bigint("sign_count", { mode: "number" }),
    transports: jsonb("transports").$type<string[]>(),
    aaguid: text("aaguid"),
    backedUp: boolean("backed_up"),
    deviceType: text("device_type"),
    // Provider profile snapshot (e.g. GitHub login, BattleTag) for display.
    profile: jsonb("profile").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    lastUsedAt: at("last_used_at"),
  },
  (t) => [
    uniqueIndex("authentications_identity_uq").on(t.kind, t.namespace, t.subject),
    index("authentications_account_idx").on(t.accountId),
  ],
);

/** A verified email an account owns; at most one primary per account, one owner per address. */
export const emailIdentities = pgTable(
  "email_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(), // trimmed + lowercased
    verifiedHow: emailVerifiedHow("verified_how").notNull(),
    verifiedAt: at("verified_at").notNull().defaultNow(),
    isPrimary: boolean("is_primary").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_identities_email_uq").on(t.email),
    uniqueIndex("email_identities_primary_uq").on(t.accountId).where(sql`${t.isPrimary}`),
    index("email_identities_account_idx").on(t.accountId),
    // Domain login policy taint looks accounts up by email domain.
    index("email_identities_domain_idx").on(sql`split_part(${t.email}, '@', 2)`),
  ],
);

// ---------------------------------------------------------------- organizations, sectors, applications

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  anchor: text("anchor").notNull().unique(),
  name: text("name").notNull(),
  applicationQuota: integer("application_quota").notNull().default(10),
  sectorQuota: integer("sector_quota").notNull().default(10),
  domainQuota: integer("domain_quota").notNull().default(3),
  connectorQuota: integer("connector_quota").notNull().default(3),
  createdAt: createdAt(),
  disabledAt: at("disabled_at"),
});

export const memberships = pgTable(
  "memberships",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    role: memberRole("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.accountId] }), index("memberships_account_idx").on(t.accountId)],
);

/** The identity-isolation boundary; organization null = platform-managed. */
export const sectors = pgTable(
  "sectors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    anchor: text("anchor").notNull().unique(),
    organizationId: uuid("organization_id").references(() => organizations.id),
    name: text("name").notNull(),
    createdAt: createdAt(),
    disabledAt: at("disabled_at"),
  },
  (t) => [index("sectors_organization_idx").on(t.organizationId)],
);

/** What an application sees as `sub`: one live subject per (account, sector); rotation retires the old one. */
export const sectorSubjects = pgTable(
  "sector_subjects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    sectorId: uuid("sector_id")
      .notNull()
      .references(() => sectors.id),
    subject: text("subject").notNull().unique(),
    createdAt: createdAt(),
    retiredAt: at("retired_at"),
  },
  (t) => [
    uniqueIndex("sector_subjects_live_uq").on(t.accountId, t.sectorId).where(sql`${t.retiredAt} is null`),
  ],
);

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    anchor: text("anchor").notNull().unique(),
    organizationId: uuid("organization_id").references(() => organizations.id),
    sectorId: uuid("sector_id")
      .notNull()
      .references(() => sectors.id),
    // Localized display names: { "en-US": "Acme", "de-DE": "Acme" }.
    names: jsonb("names").$type<Record<string, string>>().notNull(),
    defaultLocale: text("default_locale").notNull().default("en-US"),
    enabled: boolean("enabled").notNull().default(true),
    // Token-signing keypair: Sudomimus signs access/refresh tokens with it.
    tokenSigningPrivateKeySealed: text("token_signing_private_key_sealed").notNull(),
    tokenSigningPublicKey: text("token_signing_public_key").notNull(),
    tokenSigningKeyRotatedAt: at("token_signing_key_rotated_at"),
    /** The key before the last rotation: tokens it signed keep verifying at Sudomimus until they expire (lib/applications/signing-key.ts). */
    tokenSigningPreviousPublicKey: text("token_signing_previous_public_key"),
    // Client-auth keypair: only the public half; the private half is shown once.
    clientAuthPublicKey: text("client_auth_public_key").notNull(),
    clientAuthKeyRotatedAt: at("client_auth_key_rotated_at"),
    // OIDC client_secret_basic / client_secret_post.
    oidcClientSecretHash: text("oidc_client_secret_hash"),
    oidcClientSecretRotatedAt: at("oidc_client_secret_rotated_at"),
    createdAt: createdAt(),
    disabledAt: at("disabled_at"),
  },
  (t) => [index("applications_organization_idx").on(t.organizationId), index("applications_sector_idx").on(t.sectorId)],
);

/** Keys held by the built-in relying parties (the With portal, /demo); in a split deployment they live in those apps' config. */
export const relyingPartyKeys = pgTable("relying_party_keys", {
  applicationAnchor: text("application_anchor").primaryKey(),
  clientAuthPrivateKeySealed: text("client_auth_private_key_sealed").notNull(),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------- the three rule layers

const ttlColumns = () => ({
  accessTokenTtlSeconds: integer("access_token_ttl_seconds"),
  refreshTokenTtlSeconds: integer("refresh_token_ttl_seconds"),
});

export const authenticationRules = pgTable(
  "authentication_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    method: text("method").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    ...ttlColumns(),
    enabled: boolean("enabled").notNull().default(true),
    // Rules are listed in the order they were written (templates, the portal's editor).
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("authentication_rules_application_idx").on(t.applicationId)],
);

export const realizeRules = pgTable(
  "realize_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    constraintType: text("constraint_type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    ...ttlColumns(),
    enabled: boolean("enabled").notNull().default(true),
    // Rules are listed in the order they were written (templates, the portal's editor).
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("realize_rules_application_idx").on(t.applicationId)],
);

export const returnRules = pgTable(
  "return_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    returnMethod: text("return_method").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    ...ttlColumns(),
    enabled: boolean("enabled").notNull().default(true),
    // Rules are listed in the order they were written (templates, the portal's editor).
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("return_rules_application_idx").on(t.applicationId)],
);

// ---------------------------------------------------------------- claims

/** The developer's policy per claim; a missing row means OFF (no silent backfill). */
export const claimPolicies = pgTable(
  "claim_policies",
  {
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    claim: claimName("claim").notNull(),
    requirement: claimRequirement("requirement").notNull(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.claim] })],
);

/** The user's standing decision per (account, application, claim); a missing row means UNKNOWN. */
export const claimGrants = pgTable(
  "claim_grants",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    claim: claimName("claim").notNull(),
    decision: claimDecision("decision").notNull(),
    decidedAt: at("decided_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.applicationId, t.claim] }),
    index("claim_grants_application_idx").on(t.applicationId),
  ],
);

// ---------------------------------------------------------------- Connect inquiries and sessions

export const inquiries = pgTable(
  "inquiries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    purpose: inquiryPurpose("purpose").notNull().default("CONNECT"),
    exposureKeyHash: text("exposure_key_hash").notNull().unique(),
    hiddenKeyHash: text("hidden_key_hash").notNull(),
    confirmationKeyHash: text("confirmation_key_hash"),
    // Per-realize nonce from which the confirmation key is re-derived for /status-poll.
    confirmationNonce: text("confirmation_nonce"),
    // Per-inquiry narrowing exactly as received (validated); null = absent.
    authenticationConstraints: jsonb("authentication_constraints").$type<unknown[]>(),
    realizeConstraints: jsonb("realize_constraints").$type<unknown[]>(),
    returnMethods: jsonb("return_methods").$type<unknown[]>(),
    // Wrong codes and failed passkey assertions spend lives; zero kills the inquiry.
    livesRemaining: integer("lives_remaining").notNull(),
    statusPollsRemaining: integer("status_polls_remaining").notNull(),
    state: inquiryState("state").notNull().default("PENDING"),
    // Filled at realize.
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    authenticationMethod: text("authentication_method"),
    // The exact email proven by an email-OTP login (drives the emailAddress claim).
    loginEmail: text("login_email"),
    accessTokenTtlSeconds: integer("access_token_ttl_seconds"),
    refreshTokenTtlSeconds: integer("refresh_token_ttl_seconds"),
    authTime: at("auth_time"),
    // Anything a purpose needs to carry (OIDC request parameters, device session id…).
    context: jsonb("context").$type<Record<string, unknown>>(),
    expiresAt: at("expires_at").notNull(),
    createdAt: createdAt(),
    realizedAt: at("realized_at"),
    redeemedAt: at("redeemed_at"),
  },
  (t) => [index("inquiries_expires_idx").on(t.expiresAt)],
);

/** One refresh-token lineage from a single login; compromise revokes the whole family. */
export const refreshTokenFamilies = pgTable(
  "refresh_token_families",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    // Null once a purged account's row is gone: refresh then answers AccountNotFound.
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    // How the session began: CONNECT, DEVICE, STEAM_TICKET, ACCESS_KEY, OIDC.
    origin: text("origin").notNull(),
    authenticationMethod: text("authentication_method"),
    // emailAddress is fixed at first mint and preserved across refreshes.
    emailAddress: text("email_address"),
    accessTokenTtlSeconds: integer("access_token_ttl_seconds").notNull(),
    refreshTokenTtlSeconds: integer("refresh_token_ttl_seconds").notNull(),
    authTime: at("auth_time").notNull(),
    oidcScope: text("oidc_scope"),
    accessKeyId: uuid("access_key_id"),
    createdAt: createdAt(),
    revokedAt: at("revoked_at"),
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("refresh_token_families_account_app_idx").on(t.accountId, t.applicationId)],
);

export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    // Keyed hash of the token's jti (also the access token's `sub`).
    idHash: text("id_hash").primaryKey(),
    familyId: uuid("family_id")
      .notNull()
      .references(() => refreshTokenFamilies.id, { onDelete: "cascade" }),
    parentIdHash: text("parent_id_hash"),
    issuedAt: at("issued_at").notNull(),
    expiresAt: at("expires_at").notNull(),
    // Set by the one conditional write that rotates this token.
    rotatedAt: at("rotated_at"),
    replacedByIdHash: text("replaced_by_id_hash"),
    suspendedAt: at("suspended_at"),
  },
  // By expiry: the sweep finds what has been expired longer than the retention period without reading the rest.
  (t) => [index("refresh_tokens_family_idx").on(t.familyId), index("refresh_tokens_expires_idx").on(t.expiresAt)],
);

/** Client-auth JWT `jti`s, each honoured exactly once (insert-or-conflict). */
export const usedClientAssertions = pgTable(
  "used_client_assertions",
  {
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    jti: text("jti").notNull(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.jti] }), index("used_client_assertions_expires_idx").on(t.expiresAt)],
);

// ---------------------------------------------------------------- device, native, errands

export const deviceSessions = pgTable(
  "device_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    deviceCodeHash: text("device_code_hash").notNull().unique(),
    userCode: text("user_code").notNull(),
    state: deviceSessionState("state").notNull().default("PENDING"),
    intervalSeconds: integer("interval_seconds").notNull(),
    lastPolledAt: at("last_polled_at"),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    authenticationMethod: text("authentication_method"),
    loginEmail: text("login_email"),
    accessTokenTtlSeconds: integer("access_token_ttl_seconds"),
    refreshTokenTtlSeconds: integer("refresh_token_ttl_seconds"),
    authTime: at("auth_time"),
    expiresAt: at("expires_at").notNull(),
    createdAt: createdAt(),
    decidedAt: at("decided_at"),
  },
  (t) => [
    uniqueIndex("device_sessions_live_user_code_uq").on(t.userCode).where(sql`${t.state} in ('PENDING', 'APPROVED')`),
    index("device_sessions_expires_idx").on(t.expiresAt),
  ],
);

/** Pre-issued AccessKey credentials (acs_k_ + UUID / acs_t_ + 64 hex). */
export const accessKeyCredentials = pgTable(
  "access_key_credentials",
  {
    id: uuid("id").primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    // Null once the bound account's row is purged: the credential then answers
    // AccessKeyCredentialAccountMissing instead of silently disappearing.
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    label: text("label"),
    secretHash: text("secret_hash").notNull(),
    ...ttlColumns(),
    expiresAt: at("expires_at"),
    revokedAt: at("revoked_at"),
    lastUsedAt: at("last_used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("access_key_credentials_app_account_idx").on(t.applicationId, t.accountId)],
);

/** Steam ticket replay window: sha256(lowercase ticket hex), 24 hours. */
export const steamTicketReplays = pgTable(
  "steam_ticket_replays",
  {
    ticketHash: text("ticket_hash").primaryKey(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [index("steam_ticket_replays_expires_idx").on(t.expiresAt)],
);

/**
 * Steam identities of erased accounts (docs 29), as a keyed hash of the
 * SteamID64 only: a game's direct-issue with such a player's ticket answers
 * AccountDeleted instead of silently creating a new account — a new sign-up
 * is the user's own deliberate act (in a browser, which links the identity
 * to the new account; the hash then no longer matters).
 */
export const erasedSteamIdentities = pgTable("erased_steam_identities", {
  steamIdHash: text("steam_id_hash").primaryKey(),
  erasedAt: at("erased_at").notNull(),
});

/** A browser side-trip that settles owed claim work for a native client. */
export const errands = pgTable(
  "errands",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    errandKeyHash: text("errand_key_hash").notNull().unique(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    // The owed work, server-side only; scopeKey is its canonical fingerprint for reuse.
    tasks: jsonb("tasks").$type<Record<string, unknown>>().notNull(),
    scopeKey: text("scope_key").notNull(),
    // Proactive errands (POST /errand) always require in-browser re-authentication.
    requiresSignIn: boolean("requires_sign_in").notNull().default(false),
    // The live key is re-handed while the errand has ≥ 15 minutes left; kept sealed for that.
    errandKeySealed: text("errand_key_sealed").notNull(),
    state: errandState("state").notNull().default("PENDING"),
    expiresAt: at("expires_at").notNull(),
    createdAt: createdAt(),
    completedAt: at("completed_at"),
  },
  (t) => [
    index("errands_app_account_idx").on(t.applicationId, t.accountId),
    // One live errand per (application, account, kind): racing blocked calls converge on it.
    uniqueIndex("errands_live_uq").on(t.applicationId, t.accountId, t.requiresSignIn).where(sql`${t.state} = 'PENDING'`),
    index("errands_expires_idx").on(t.expiresAt),
  ],
);

// ---------------------------------------------------------------- challenges (via)

/** Email one-time codes: hashed, short-lived, single use, attempts spend inquiry lives. */
export const otpChallenges = pgTable(
  "otp_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: challengePurpose("purpose").notNull(),
    email: text("email").notNull(),
    codeHash: text("code_hash").notNull(),
    inquiryId: uuid("inquiry_id").references(() => inquiries.id, { onDelete: "cascade" }),
    // The browser session that asked; a code only works where it was requested.
    browserBinding: text("browser_binding").notNull(),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: at("expires_at").notNull(),
    consumedAt: at("consumed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("otp_challenges_binding_idx").on(t.browserBinding), index("otp_challenges_expires_idx").on(t.expiresAt)],
);

export const passkeyChallenges = pgTable(
  "passkey_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: challengePurpose("purpose").notNull(),
    challenge: text("challenge").notNull().unique(),
    // PASSKEY_USERNAMELESS / PASSKEY_REASONED for sign-in; null for registration.
    method: text("method"),
    browserBinding: text("browser_binding").notNull(),
    inquiryId: uuid("inquiry_id").references(() => inquiries.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    expiresAt: at("expires_at").notNull(),
    consumedAt: at("consumed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("passkey_challenges_expires_idx").on(t.expiresAt)],
);

/** Upstream sign-in round trips (social OAuth, Steam OpenID, federation): state, PKCE verifier, nonce. */
export const upstreamAuthStates = pgTable(
  "upstream_auth_states",
  {
    stateHash: text("state_hash").primaryKey(),
    provider: text("provider").notNull(),
    connectorId: uuid("connector_id"),
    browserBinding: text("browser_binding").notNull(),
    inquiryId: uuid("inquiry_id").references(() => inquiries.id, { onDelete: "cascade" }),
    codeVerifierSealed: text("code_verifier_sealed"),
    nonce: text("nonce"),
    returnTo: text("return_to"),
    expiresAt: at("expires_at").notNull(),
    consumedAt: at("consumed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("upstream_auth_states_expires_idx").on(t.expiresAt)],
);

/** The browser session on via: a returning user is not asked to sign in again. */
export const browserSessions = pgTable(
  "browser_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    authenticationMethod: text("authentication_method").notNull(),
    loginEmail: text("login_email"),
    // A sign-in through a federation connector: which one (Layer 1 names
    // connectors, and SSO_ONLY is satisfied only by the bound one). Deleting
    // the connector ends the sessions it made.
    federationConnectorId: uuid("federation_connector_id").references((): AnyPgColumn => federationConnectors.id, { onDelete: "cascade" }),
    // A GitHub sign-in that looked up organizations (read:org): the logins, for org-gated GITHUB_OAUTH rules.
    gitHubOrgs: jsonb("github_orgs").$type<string[]>(),
    authTime: at("auth_time").notNull(),
    expiresAt: at("expires_at").notNull(),
    createdAt: createdAt(),
    revokedAt: at("revoked_at"),
  },
  (t) => [index("browser_sessions_account_idx").on(t.accountId)],
);

// ---------------------------------------------------------------- domains and federation

export const domains = pgTable(
  "domains",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    state: domainState("state").notNull().default("PENDING"),
    verificationToken: text("verification_token").notNull(),
    createdAt: createdAt(),
    verifiedAt: at("verified_at"),
  },
  (t) => [
    // Pending claims may coexist; only one organization may hold the verified slot.
    uniqueIndex("domains_verified_uq").on(t.domain).where(sql`${t.state} = 'VERIFIED'`),
    uniqueIndex("domains_org_domain_uq").on(t.organizationId, t.domain),
  ],
);

export const federationConnectors = pgTable(
  "federation_connectors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    anchor: text("anchor").notNull().unique(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    // Write-only: never read back to any surface.
    clientSecretSealed: text("client_secret_sealed").notNull(),
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    createdAt: createdAt(),
    disabledAt: at("disabled_at"),
  },
  (t) => [index("federation_connectors_organization_idx").on(t.organizationId)],
);

export const loginPolicies = pgTable("login_policies", {
  domainId: uuid("domain_id")
    .primaryKey()
    .references(() => domains.id, { onDelete: "cascade" }),
  policy: loginPolicyKind("policy").notNull(),
  connectorId: uuid("connector_id").references(() => federationConnectors.id),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

// ---------------------------------------------------------------- OIDC provider

export const oidcAuthorizationCodes = pgTable(
  "oidc_authorization_codes",
  {
    codeHash: text("code_hash").primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    redirectUri: text("redirect_uri").notNull(),
    codeChallenge: text("code_challenge").notNull(),
    scope: text("scope").notNull(),
    nonce: text("nonce"),
    authTime: at("auth_time").notNull(),
    authenticationMethod: text("authentication_method"),
    loginEmail: text("login_email"),
    accessTokenTtlSeconds: integer("access_token_ttl_seconds").notNull(),
    refreshTokenTtlSeconds: integer("refresh_token_ttl_seconds").notNull(),
    expiresAt: at("expires_at").notNull(),
    consumedAt: at("consumed_at"),
    // What the code minted, so a replay can revoke it.
    issuedFamilyId: uuid("issued_family_id"),
    createdAt: createdAt(),
  },
  (t) => [index("oidc_authorization_codes_expires_idx").on(t.expiresAt)],
);

export const oidcSigningKeys = pgTable(
  "oidc_signing_keys",
  {
    kid: text("kid").primaryKey(),
    privateKeySealed: text("private_key_sealed").notNull(),
    publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
    state: signingKeyState("state").notNull(),
    createdAt: createdAt(),
    retiredAt: at("retired_at"),
  },
  // Exactly one key signs at a time: instances creating the first key at once cannot both win.
  (t) => [uniqueIndex("oidc_signing_keys_active_uq").on(t.state).where(sql`${t.state} = 'ACTIVE'`)],
);

// ---------------------------------------------------------------- infrastructure

/** Fixed-window counters for rate limits; shared by every instance through the database. */
export const rateLimitBuckets = pgTable(
  "rate_limit_buckets",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    windowEndsAt: at("window_ends_at").notNull(),
  },
  (t) => [index("rate_limit_buckets_window_idx").on(t.windowEndsAt)],
);

/** Mail kept in the database when no SMTP server is configured (development mailbox). */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    createdAt: createdAt(),
  },
  (t) => [index("mail_outbox_created_idx").on(t.createdAt)],
);
