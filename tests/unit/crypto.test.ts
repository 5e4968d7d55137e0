import assert from "node:assert/strict";
import crypto from "node:crypto";
import { describe, it } from "node:test";
import {
  constantTimeEqual,
  createKeyring,
  generateRsaKeyPair,
  isKey,
  newKey,
  parseRsaPublicKey,
  publicKeyFingerprint,
  seal,
  secretHash,
  secretMatches,
  sha256Base64,
  unseal,
} from "@/lib/crypto";

const keyring = createKeyring(crypto.randomBytes(32));

describe("prefixed keys", () => {
  it("have the documented prefixes and lengths", () => {
    assert.match(newKey("exposure"), /^exp_[0-9a-f]{32}$/);
    assert.match(newKey("hidden"), /^hid_[0-9a-f]{32}$/);
    assert.match(newKey("confirmation"), /^cnf_[0-9a-f]{32}$/);
    assert.match(newKey("device"), /^dvc_[0-9a-f]{64}$/);
    assert.match(newKey("errand"), /^ernd_[0-9a-f]{64}$/);
    assert.match(newKey("accessKeySecret"), /^acs_t_[0-9a-f]{64}$/);
  });
  it("are rejected in the wrong role or shape", () => {
    const exposure = newKey("exposure");
    assert.equal(isKey("exposure", exposure), true);
    assert.equal(isKey("hidden", exposure), false);
    assert.equal(isKey("exposure", exposure.toUpperCase()), false);
    assert.equal(isKey("exposure", exposure + "0"), false);
    assert.equal(isKey("exposure", 42), false);
  });
  it("do not repeat", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newKey("exposure")));
    assert.equal(seen.size, 1000);
  });
});

describe("secret hashing", () => {
  it("is deterministic per purpose and separates purposes", () => {
    assert.equal(secretHash(keyring, "hidden", "x"), secretHash(keyring, "hidden", "x"));
    assert.notEqual(secretHash(keyring, "hidden", "x"), secretHash(keyring, "confirmation", "x"));
  });
  it("depends on the server secret, so a leaked table cannot be checked offline", () => {
    const other = createKeyring(crypto.randomBytes(32));
    assert.notEqual(secretHash(keyring, "otp", "123456"), secretHash(other, "otp", "123456"));
  });
  it("verifies in constant time", () => {
    const stored = secretHash(keyring, "otp", "123456");
    assert.equal(secretMatches(keyring, "otp", "123456", stored), true);
    assert.equal(secretMatches(keyring, "otp", "123457", stored), false);
    assert.equal(constantTimeEqual("abc", "abcd"), false);
  });
  it("computes body_sha256 as standard base64", () => {
    assert.equal(sha256Base64(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  });
});

describe("sealing", () => {
  it("round-trips and binds the ciphertext to its place", () => {
    const sealed = seal(keyring, "private key", "applications:demo");
    assert.doesNotMatch(sealed, /private key/);
    assert.equal(unseal(keyring, sealed, "applications:demo"), "private key");
    assert.throws(() => unseal(keyring, sealed, "applications:other"));
    assert.throws(() => unseal(createKeyring(crypto.randomBytes(32)), sealed, "applications:demo"));
  });
  it("rejects tampering", () => {
    const sealed = seal(keyring, "value", "aad");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[2]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[2] = body.toString("base64url");
    assert.throws(() => unseal(keyring, parts.join("."), "aad"));
  });
  it("uses a fresh IV every time", () => {
    assert.notEqual(seal(keyring, "same", "aad"), seal(keyring, "same", "aad"));
  });
});

describe("RSA keys", () => {
  it("generates RSA-2048 PEM pairs", async () => {
    const pair = await generateRsaKeyPair();
    assert.match(pair.privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
    assert.match(pair.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(parseRsaPublicKey(pair.publicKeyPem).asymmetricKeyDetails?.modulusLength, 2048);
    assert.equal(publicKeyFingerprint(pair.publicKeyPem), publicKeyFingerprint(pair.publicKeyPem));
  });
  it("refuses keys that are not RSA or too short", () => {
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    assert.throws(() => parseRsaPublicKey(ec));
    const short = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    assert.throws(() => parseRsaPublicKey(short));
  });
});
