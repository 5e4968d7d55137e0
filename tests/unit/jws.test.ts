// The compact JWS behind Connect tokens: what it signs must verify with any
// standard JOSE library (integrators verify our tokens with theirs), and it
// must refuse every token that is not exactly an RS256 signature of our key.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { describe, it } from "node:test";
import { CompactSign, compactVerify, importPKCS8, importSPKI } from "jose";
import { peekJwsHeader, signRs256, verifyRs256 } from "@/lib/tokens/jws";

const ours = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const header = { alg: "RS256" as const, typ: "JWT", kty: "Access", aud: "app-anchor", jti: "0123456789abcdef0123456789abcdef" };
const payload = JSON.stringify({ subject: "sub_ABC", emailAddress: "ada@example.com" });

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
/** A token signed over arbitrary segments, to build the malformed cases. */
function forge(headerSegment: string, payloadSegment: string, key = ours.privateKey): string {
  const signature = crypto.sign("sha256", Buffer.from(`${headerSegment}.${payloadSegment}`), key).toString("base64url");
  return `${headerSegment}.${payloadSegment}.${signature}`;
}

describe("RS256 compact JWS", () => {
  it("signs tokens a standard JOSE library verifies, and verifies what it signs", async () => {
    const token = await signRs256(header, payload, ours.privateKey);
    const spki = ours.publicKey.export({ type: "spki", format: "pem" }).toString();
    const verifiedByJose = await compactVerify(token, await importSPKI(spki, "RS256"));
    assert.deepEqual(verifiedByJose.protectedHeader, header);
    assert.equal(new TextDecoder().decode(verifiedByJose.payload), payload);

    const verified = verifyRs256(token, ours.publicKey);
    assert.deepEqual(verified?.header, header);
    assert.equal(verified?.payload.toString(), payload);
    assert.deepEqual(peekJwsHeader(token), header);
  });

  it("verifies a token signed by a standard JOSE library", async () => {
    const pkcs8 = ours.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const token = await new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader(header).sign(await importPKCS8(pkcs8, "RS256"));
    assert.equal(verifyRs256(token, ours.publicKey)?.payload.toString(), payload);
  });

  it("refuses another key's signature and any change to header or payload", async () => {
    const token = await signRs256(header, payload, ours.privateKey);
    assert.equal(verifyRs256(token, other.publicKey), null);
    const [h, p, s] = token.split(".");
    assert.equal(verifyRs256(`${h}.${b64({ subject: "sub_OTHER" })}.${s}`, ours.publicKey), null);
    assert.equal(verifyRs256(`${b64({ ...header, aud: "another-app" })}.${p}.${s}`, ours.publicKey), null);
  });

  it("refuses algorithms other than RS256, unsigned tokens and crit extensions even when the signature is genuine", () => {
    for (const alg of ["none", "HS256", "PS256", "RS512"]) {
      assert.equal(verifyRs256(forge(b64({ ...header, alg }), b64(payload)), ours.publicKey), null, alg);
    }
    assert.equal(verifyRs256(forge(b64({ ...header, crit: ["exp"] }), b64(payload)), ours.publicKey), null);
    assert.equal(verifyRs256(`${b64({ ...header, alg: "none" })}.${b64(payload)}.`, ours.publicKey), null);
  });

  it("refuses malformed and non-canonical encodings", async () => {
    const token = await signRs256(header, payload, ours.privateKey);
    const [h, p, s] = token.split(".") as [string, string, string];
    const malformed = [
      "",
      "a.b",
      `${token}.x`,
      `${h}.${p}.${s}=`, // padding is not base64url
      `${h}.${p}.${s.slice(0, -1)}+`, // outside the alphabet
      `${h} .${p}.${s}`,
      forge(b64("[1,2]"), b64(payload)), // header not an object
      forge(b64("not json"), b64(payload)),
      `${h}.${p}.${s}${"A".repeat(20_000)}`, // oversize
    ];
    for (const value of malformed) assert.equal(verifyRs256(value, ours.publicKey), null, value.slice(0, 40));
    for (const value of [undefined, null, 42, { token }]) assert.equal(verifyRs256(value, ours.publicKey), null);
    assert.equal(peekJwsHeader("a.b"), null);
    assert.equal(peekJwsHeader(forge(b64("null"), b64(payload))), null);
  });

  it("accepts each signature in its one canonical spelling only", async () => {
    const token = await signRs256(header, payload, ours.privateKey);
    const [h, p, s] = token.split(".") as [string, string, string];
    // A 256-byte signature is 342 base64url characters carrying 2 spare bits in the
    // last one; setting them decodes to the same bytes but is a different string.
    const last = s.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
    assert.deepEqual(Buffer.from(`${s.slice(0, -1)}${sibling}`, "base64url"), Buffer.from(s, "base64url"));
    assert.equal(verifyRs256(`${h}.${p}.${s.slice(0, -1)}${sibling}`, ours.publicKey), null);
  });
});
