// Bearer keys with a role prefix, so a key pasted into the wrong field is
// rejected at the request boundary before any lookup.
import crypto from "node:crypto";

/** Prefix and number of lowercase hex characters for every key kind the docs name. */
export const KEY_FORMATS = {
  exposure: { prefix: "exp_", hex: 32 },
  hidden: { prefix: "hid_", hex: 32 },
  confirmation: { prefix: "cnf_", hex: 32 },
  device: { prefix: "dvc_", hex: 64 },
  errand: { prefix: "ernd_", hex: 64 },
  accessKeySecret: { prefix: "acs_t_", hex: 64 },
  browserSession: { prefix: "vbs_", hex: 64 },
  oidcCode: { prefix: "oac_", hex: 64 },
  oidcClientSecret: { prefix: "ocs_", hex: 64 },
} as const;

export type KeyKind = keyof typeof KEY_FORMATS;

// Random bytes are drawn from the CSPRNG in 4 KiB batches, as node's own
// randomUUID does: one call into OpenSSL costs ~7 µs here whatever its size,
// and the hot paths draw two or three small values per request. Each byte is
// handed out once.
const POOL = Buffer.alloc(4096);
let poolOffset = POOL.length;

function randomHexFromPool(bytes: number): string {
  if (bytes > 256) return crypto.randomBytes(bytes).toString("hex");
  if (poolOffset + bytes > POOL.length) {
    crypto.randomFillSync(POOL);
    poolOffset = 0;
  }
  const hex = POOL.toString("hex", poolOffset, poolOffset + bytes);
  POOL.fill(0, poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return hex;
}

export function newKey(kind: KeyKind): string {
  const { prefix, hex } = KEY_FORMATS[kind];
  return prefix + randomHexFromPool(hex / 2);
}

const patterns = Object.fromEntries(
  Object.entries(KEY_FORMATS).map(([kind, { prefix, hex }]) => [kind, new RegExp(`^${prefix}[0-9a-f]{${hex}}$`)]),
) as Record<KeyKind, RegExp>;

export function isKey(kind: KeyKind, value: unknown): value is string {
  return typeof value === "string" && patterns[kind].test(value);
}

/** Random lowercase hex of the given byte length (jti, refresh-token ids, OTP salts). */
export function randomHex(bytes: number): string {
  return randomHexFromPool(bytes);
}
