// The Errand (docs 31, native.yaml): a short-lived, single-use browser
// side-trip. Its key (`ernd_` + 64 hex) is a bearer secret: stored as a keyed
// hash for lookups, and sealed so a blocked retry can be handed the SAME live
// errand again — same key, original expiresAt — while it has at least 15
// minutes left and no work is owed beyond what it was minted for (less is the
// user's progress on it). Otherwise the old one is retired and a fresh one
// minted. One live errand per (application, account, kind), enforced by a
// partial unique index, so racing retries converge.
import { randomUUID } from "node:crypto";
import {
  findErrandByKeyHash,
  findPendingErrand,
  insertErrand,
  retireErrand,
  type ErrandRow,
} from "@/db/queries/errands";
import { addSeconds } from "../clock";
import { isKey, newKey } from "../crypto/random-key";
import { seal, unseal } from "../crypto/seal";
import { secretHash } from "../crypto/secret-hash";
import type { Deps } from "../runtime";
import { coversWork, parseStoredTasks, scopeKey, type ErrandTasks } from "./tasks";

export const ERRAND_TTL_SECONDS = 30 * 60;
/** A live errand is re-handed only while at least this much of its life is left. */
export const ERRAND_REUSE_MIN_REMAINING_SECONDS = 15 * 60;

export interface ErrandHandoff {
  errandKey: string;
  url: string;
  expiresAt: string;
}

export type ErrandStatus = "PENDING" | "COMPLETED" | "EXPIRED";

export const hashErrandKey = (deps: Pick<Deps, "keyring">, key: string) => secretHash(deps.keyring, "errand", key);
const sealAad = (errandId: string) => `errands.errand_key:${errandId}`;

export function errandUrl(config: Deps["config"], key: string): string {
  return `${config.publicUrl}/via/errand?key=${key}`;
}

/** ISO 8601 without fractional seconds, as the docs show it. */
export function wireTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The raw key of a stored errand (sealed at rest so a blocked retry can be handed it again). */
export function errandKeyOf(deps: Pick<Deps, "keyring">, row: Pick<ErrandRow, "id" | "errandKeySealed">): string {
  return unseal(deps.keyring, row.errandKeySealed, sealAad(row.id));
}

function handoffOf(deps: Pick<Deps, "keyring" | "config">, row: ErrandRow, key?: string): ErrandHandoff {
  const errandKey = key ?? errandKeyOf(deps, row);
  return { errandKey, url: errandUrl(deps.config, errandKey), expiresAt: wireTime(row.expiresAt) };
}

export interface ErrandRequest {
  applicationId: string;
  accountId: string;
  /** What blocked the call (ClaimConsentRequired / RequiredClaimDataMissing), or "ErrandRequested". */
  reason: string;
  tasks: ErrandTasks;
  /** Errands minted on request (POST /errand) always make the user sign in again first. */
  requiresSignIn: boolean;
}

export async function handOffErrand(deps: Pick<Deps, "db" | "keyring" | "clock" | "config">, request: ErrandRequest): Promise<ErrandHandoff> {
  const now = deps.clock.now();
  const scope = scopeKey(request.tasks);
  for (let attempt = 0; attempt < 4; attempt++) {
    const live = await findPendingErrand(deps.db, request.applicationId, request.accountId, request.requiresSignIn);
    if (live) {
      const remaining = (live.expiresAt.getTime() - now.getTime()) / 1000;
      if (coversWork(parseStoredTasks(live.tasks), request.tasks) && remaining >= ERRAND_REUSE_MIN_REMAINING_SECONDS) return handoffOf(deps, live);
      // Near its end, expired, or owing more than it was minted for: the user starts over on a fresh one.
      await retireErrand(deps.db, live.id);
    }
    const id = randomUUID();
    const errandKey = newKey("errand");
    // Whole seconds, so the re-handed expiresAt is byte-identical to the first one.
    const expiresAt = new Date(Math.floor(addSeconds(now, ERRAND_TTL_SECONDS).getTime() / 1000) * 1000);
    const row = await insertErrand(deps.db, {
      id,
      errandKeyHash: hashErrandKey(deps, errandKey),
      errandKeySealed: seal(deps.keyring, errandKey, sealAad(id)),
      applicationId: request.applicationId,
      accountId: request.accountId,
      reason: request.reason,
      tasks: { ...request.tasks },
      scopeKey: scope,
      requiresSignIn: request.requiresSignIn,
      expiresAt,
      createdAt: now,
    });
    if (row) return handoffOf(deps, row, errandKey);
    // A concurrent blocked call minted the live errand first: hand out that one.
  }
  throw new Error("no errand could be minted");
}

/** The errand a key names, whatever its state; null for malformed and unknown keys. */
export async function findErrandByKey(deps: Pick<Deps, "db" | "keyring">, key: unknown): Promise<ErrandRow | null> {
  if (!isKey("errand", key)) return null;
  return findErrandByKeyHash(deps.db, hashErrandKey(deps, key));
}

export function isErrandLive(row: Pick<ErrandRow, "state" | "expiresAt">, now: Date): boolean {
  return row.state !== "CONSUMED" && row.expiresAt.getTime() > now.getTime();
}

/**
 * GET /errand/{errandKey}/status: a pure single-row read. Unknown, malformed,
 * consumed and expired keys all answer EXPIRED, so the endpoint cannot be
 * used to probe which keys exist.
 */
export async function errandStatus(deps: Pick<Deps, "db" | "keyring" | "clock">, key: string): Promise<{ status: ErrandStatus }> {
  const row = await findErrandByKey(deps, key);
  if (!row || !isErrandLive(row, deps.clock.now())) return { status: "EXPIRED" };
  return { status: row.state === "COMPLETED" ? "COMPLETED" : "PENDING" };
}
