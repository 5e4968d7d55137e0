// The platform-wide ID-token signing keys (docs 16): one ACTIVE key signs,
// RETIRED ones are still published so tokens signed before a rotation keep
// verifying; a rotation retires the active key and revokes only keys retired
// more than an ID token's lifetime ago — two rotations within the hour do
// not strand live ID tokens. The first key is created on first
// need. Keys are read from the database on every use (a rotation may run in
// another process — the admin CLI on Postgres); parsed keys are memoized by kid.
import crypto from "node:crypto";
import { importPKCS8, importJWK, type JWK } from "jose";
import { findActiveSigningKey, insertActiveSigningKeyIfNone, listPublishedSigningKeys, rotateSigningKeys, type OidcSigningKeyRow } from "@/db/queries/oidc";
import { addSeconds } from "../clock";
import { generateRsaKeyPair, publicKeyFingerprint } from "../crypto/rsa";
import { seal, unseal } from "../crypto/seal";
import { memo } from "../memo";
import type { Deps } from "../runtime";
import { ID_TOKEN_TTL_SECONDS } from "./id-token";

export const ID_TOKEN_ALGORITHM = "RS256";

/** Binds a sealed private key to its kid, so it cannot be moved to another row. */
const keyAad = (kid: string) => `oidc_signing_keys.private_key:${kid}`;

export type PublicSigningJwk = {
  kty: "RSA";
  kid: string;
  use: "sig";
  alg: typeof ID_TOKEN_ALGORITHM;
  n: string;
  e: string;
};

async function newKeyRow(deps: Pick<Deps, "keyring" | "clock">): Promise<Omit<OidcSigningKeyRow, "state" | "retiredAt">> {
  const { privateKeyPem, publicKeyPem } = await generateRsaKeyPair();
  const kid = publicKeyFingerprint(publicKeyPem);
  const { n, e } = crypto.createPublicKey(publicKeyPem).export({ format: "jwk" });
  const publicJwk: PublicSigningJwk = { kty: "RSA", kid, use: "sig", alg: ID_TOKEN_ALGORITHM, n: n!, e: e! };
  return { kid, privateKeySealed: seal(deps.keyring, privateKeyPem, keyAad(kid)), publicJwk, createdAt: deps.clock.now() };
}

async function activeKeyRow(deps: Pick<Deps, "db" | "keyring" | "clock">): Promise<OidcSigningKeyRow> {
  const existing = await findActiveSigningKey(deps.db);
  if (existing) return existing;
  await insertActiveSigningKeyIfNone(deps.db, await newKeyRow(deps));
  const created = await findActiveSigningKey(deps.db);
  if (!created) throw new Error("no active OIDC signing key could be created");
  return created;
}

export interface IdTokenSigner {
  kid: string;
  key: CryptoKey;
}

/** The key that signs ID tokens now. */
export async function activeSigner(deps: Pick<Deps, "db" | "keyring" | "clock" | "cache">): Promise<IdTokenSigner> {
  const row = await activeKeyRow(deps);
  const key = await memo(deps.cache, `oidc-signing-private:${row.kid}`, () =>
    importPKCS8(unseal(deps.keyring, row.privateKeySealed, keyAad(row.kid)), ID_TOKEN_ALGORITHM),
  );
  return { kid: row.kid, key };
}

/** The JWKS: the active key and the retired ones still needed. Never empty (the first key is made here if needed). */
export async function publishedJwks(deps: Pick<Deps, "db" | "keyring" | "clock">): Promise<{ keys: PublicSigningJwk[] }> {
  let rows = await listPublishedSigningKeys(deps.db);
  if (!rows.some((row) => row.state === "ACTIVE")) {
    await activeKeyRow(deps);
    rows = await listPublishedSigningKeys(deps.db);
  }
  return { keys: rows.map((row) => row.publicJwk as unknown as PublicSigningJwk) };
}

/** Verification keys for tokens we issued (e.g. an id_token_hint), by kid. */
export async function publishedVerificationKey(deps: Pick<Deps, "db" | "cache">, kid: string): Promise<CryptoKey | null> {
  const row = (await listPublishedSigningKeys(deps.db)).find((candidate) => candidate.kid === kid);
  if (!row) return null;
  return memo(deps.cache, `oidc-signing-public:${row.kid}`, async () => (await importJWK(row.publicJwk as JWK, ID_TOKEN_ALGORITHM)) as CryptoKey);
}

/** Rotation (the admin command): a new active key; the old one stays published while tokens it signed may live. */
export async function rotateOidcSigningKey(deps: Pick<Deps, "db" | "keyring" | "clock">): Promise<{ kid: string; retiredKid: string | null }> {
  const next = await newKeyRow(deps);
  const now = deps.clock.now();
  const retiredKid = await deps.db.transaction((tx) => rotateSigningKeys(tx, next, now, addSeconds(now, -ID_TOKEN_TTL_SECONDS)));
  return { kid: next.kid, retiredKid };
}
