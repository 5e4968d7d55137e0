// AccessKey credentials (docs 32, 11): an application-scoped credential for
// one existing account. The public half is `acs_k_` + a UUIDv4 (the row id),
// the secret `acs_t_` + 64 lowercase hex, shown once; only a keyed hash of the
// secret is stored. Optional expiry, label and TTL bounds; optional up-front
// consent (claim grants recorded at creation, docs 12). Revocation is a soft
// delete, and it also ends every session the key minted: a revoked key must
// not keep a CLI signed in through refresh.
import { randomUUID } from "node:crypto";
import { upsertClaimGrant } from "@/db/queries/identity";
import {
  findAccessKey,
  insertAccessKey,
  listAccessKeyRows,
  markAccessKeyRevoked,
  revokeFamiliesOfAccessKey,
  type AccessKeyRow,
} from "@/db/queries/native";
import { newKey } from "../crypto/random-key";
import { secretHash, secretMatches } from "../crypto/secret-hash";
import { fail, invalid } from "../errors";
import { assertAccountActive } from "../identity/accounts";
import { findAccountById } from "@/db/queries/identity";
import { STORED_CLAIM, type Claim } from "../identity/claims-vocabulary";
import { accessTokenTtlOverrideSchema, refreshTokenTtlOverrideSchema } from "../rules";
import type { Deps } from "../runtime";

export const ACCESS_KEY_IDENTIFIER_PREFIX = "acs_k_";
export const ACCESS_KEY_SECRET_PREFIX = "acs_t_";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SECRET_HEX = /^[0-9a-f]{64}$/;

/** `acs_k_<uuid v4>` (canonical) or the bare UUID the spec's field text shows; the row id, lowercased. */
export function parseAccessKeyIdentifier(value: string): string {
  const bare = (value.startsWith(ACCESS_KEY_IDENTIFIER_PREFIX) ? value.slice(ACCESS_KEY_IDENTIFIER_PREFIX.length) : value).toLowerCase();
  if (!UUID_V4.test(bare)) {
    throw invalid("accessKeyIdentifier", `accessKeyIdentifier must be "${ACCESS_KEY_IDENTIFIER_PREFIX}" followed by a UUID v4.`);
  }
  return bare;
}

/** `acs_t_<64 lowercase hex>` (canonical) or the bare 64 hex characters; returned canonical. */
export function parseAccessKeySecret(value: string): string {
  const bare = value.startsWith(ACCESS_KEY_SECRET_PREFIX) ? value.slice(ACCESS_KEY_SECRET_PREFIX.length) : value;
  if (!SECRET_HEX.test(bare)) {
    throw invalid("accessKeySecret", `accessKeySecret must be "${ACCESS_KEY_SECRET_PREFIX}" followed by 64 lowercase hex characters.`);
  }
  return ACCESS_KEY_SECRET_PREFIX + bare;
}

export const formatAccessKeyIdentifier = (id: string) => ACCESS_KEY_IDENTIFIER_PREFIX + id;

const hashSecret = (deps: Pick<Deps, "keyring">, canonicalSecret: string) => secretHash(deps.keyring, "access-key.secret", canonicalSecret);

export interface IssueAccessKeyInput {
  applicationId: string;
  accountId: string;
  label?: string | null;
  expiresAt?: Date | null;
  accessTokenTtlSeconds?: number | null;
  refreshTokenTtlSeconds?: number | null;
  /** Up-front consent: these claims are recorded as GRANTED for (account, application). */
  grants?: readonly Claim[];
}

export interface IssuedAccessKey {
  accessKeyIdentifier: string;
  /** Shown exactly once; unrecoverable afterwards. */
  accessKeySecret: string;
  label: string | null;
  expiresAt: Date | null;
}

export async function issueAccessKey(deps: Pick<Deps, "db" | "keyring" | "clock">, input: IssueAccessKeyInput): Promise<IssuedAccessKey> {
  const now = deps.clock.now();
  const accessTtl = accessTokenTtlOverrideSchema.safeParse(input.accessTokenTtlSeconds ?? null);
  if (!accessTtl.success) fail("Invalid accessTokenTtlSeconds", { message: accessTtl.error.issues[0]?.message ?? "out of bounds" });
  const refreshTtl = refreshTokenTtlOverrideSchema.safeParse(input.refreshTokenTtlSeconds ?? null);
  if (!refreshTtl.success) fail("Invalid refreshTokenTtlSeconds", { message: refreshTtl.error.issues[0]?.message ?? "out of bounds" });
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) fail("Invalid expiresAt", { message: "expiresAt must be in the future." });
  const label = input.label?.trim() ? input.label.trim().slice(0, 100) : null;

  // AccessKeys never create accounts: the account must exist, and be usable.
  const account = await findAccountById(deps.db, input.accountId);
  if (!account) fail("AccountNotFound", { message: "No such account." });
  assertAccountActive(account);

  const id = randomUUID();
  const secret = newKey("accessKeySecret");
  await deps.db.transaction(async (tx) => {
    await insertAccessKey(tx, {
      id,
      applicationId: input.applicationId,
      accountId: input.accountId,
      label,
      secretHash: hashSecret(deps, secret),
      accessTokenTtlSeconds: accessTtl.data ?? null,
      refreshTokenTtlSeconds: refreshTtl.data ?? null,
      expiresAt: input.expiresAt ?? null,
      createdAt: now,
    });
    for (const claim of new Set(input.grants ?? [])) {
      await upsertClaimGrant(tx, { accountId: input.accountId, applicationId: input.applicationId, claim: STORED_CLAIM[claim], decision: "GRANTED", decidedAt: now });
    }
  });
  return { accessKeyIdentifier: formatAccessKeyIdentifier(id), accessKeySecret: secret, label, expiresAt: input.expiresAt ?? null };
}

export interface AccessKeySummary {
  accessKeyIdentifier: string;
  label: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  accessTokenTtlSeconds: number | null;
  refreshTokenTtlSeconds: number | null;
}

/** Metadata only: the secret is never readable again. */
export async function listAccessKeys(deps: Pick<Deps, "db">, filter: { applicationId: string; accountId?: string }): Promise<AccessKeySummary[]> {
  return (await listAccessKeyRows(deps.db, filter)).map((row) => ({
    accessKeyIdentifier: formatAccessKeyIdentifier(row.id),
    label: row.label,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    accessTokenTtlSeconds: row.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: row.refreshTokenTtlSeconds,
  }));
}

export interface RevokedAccessKey {
  /** False when the key was already revoked (revoking is idempotent). */
  revoked: boolean;
  /** Live sessions the key had minted, now revoked with it. */
  sessionsRevoked: number;
}

/** Soft delete (`revokedAt`) plus the end of every session the key minted, in one transaction. */
export async function revokeAccessKey(
  deps: Pick<Deps, "db" | "clock">,
  input: { accessKeyIdentifier: string; applicationId?: string },
): Promise<RevokedAccessKey> {
  const id = parseAccessKeyIdentifier(input.accessKeyIdentifier);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await findAccessKey(tx, id);
    if (!row || (input.applicationId && row.applicationId !== input.applicationId)) fail("NotFound", { message: "No such access key." });
    const revoked = await markAccessKeyRevoked(tx, id, now);
    const sessionsRevoked = await revokeFamiliesOfAccessKey(tx, id, "access-key-revoked", now);
    return { revoked, sessionsRevoked };
  });
}

// A fixed, valid-looking hash compared against when the identifier is unknown,
// so an unknown key costs the same HMAC + comparison as a wrong secret.
const DECOY_HASH = "0".repeat(43);

/**
 * The credential checks of direct-issue (native.yaml steps 2–4). Every failure
 * — unknown, another application's, revoked, expired, wrong secret — is the
 * same opaque AccessKeyDirectDenied; the secret is compared in constant time.
 */
export async function verifyAccessKey(
  deps: Pick<Deps, "db" | "keyring" | "clock">,
  input: { applicationId: string; id: string; canonicalSecret: string },
): Promise<AccessKeyRow> {
  const row = await findAccessKey(deps.db, input.id);
  const secretOk = secretMatches(deps.keyring, "access-key.secret", input.canonicalSecret, row?.secretHash ?? DECOY_HASH);
  const now = deps.clock.now();
  const usable =
    row !== null &&
    secretOk &&
    row.applicationId === input.applicationId &&
    row.revokedAt === null &&
    (row.expiresAt === null || row.expiresAt.getTime() > now.getTime());
  if (!usable) fail("AccessKeyDirectDenied", { message: "The access key was rejected." });
  return row;
}
