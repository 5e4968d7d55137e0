// Passkey sign-in on via through its lib functions, on a real database of
// this pass's kind: the email-first options are the same whether or not the
// typed address has passkeys or an account (docs 15 §2 — nobody can ask us
// which addresses exist), the passkey must then belong to the typed address's
// account, and one network address cannot ask for options without end.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { insertAuthentication } from "@/db/queries/identity";
import { createApplication, type CreatedApplication } from "@/lib/applications/create-application";
import { registerAccountByEmail } from "@/lib/identity/accounts";
import { establish } from "@/lib/inquiry/establish";
import type { Browser } from "@/lib/via/browser";
import { passkeySignInOptions, passkeySignInVerify, relyingParty, SIGN_IN_OPTIONS_PER_CLIENT } from "@/lib/via/passkeys";
import { clientJwt } from "../support/connect-client";
import { libDeps } from "../support/lib-deps";
import { rejectsWith } from "../support/rejects";

type Setup = Awaited<ReturnType<typeof libDeps>>;
let setup: Setup;
let app: CreatedApplication;
const rand = () => crypto.randomBytes(4).toString("hex");
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => crypto.createHash("sha256").update(data).digest();

const newBrowser = (address: string | null = null): Browser => ({ binding: crypto.randomBytes(32).toString("hex"), sessionKey: null, locale: "en-US", address, setCookies: [] });

async function newAccount(email = `pk-${rand()}@example.com`) {
  const account = await setup.deps.db.transaction((tx) => registerAccountByEmail(tx, { email, now: setup.deps.clock.now() }));
  return { id: account.id, email };
}

async function newExposureKey(): Promise<string> {
  const body = JSON.stringify({ applicationAnchor: app.applicationAnchor, returnMethods: [{ type: "STATUS_POLL", payload: {} }] });
  const now = Math.floor(setup.deps.clock.now().getTime() / 1000);
  const signer = { anchor: app.applicationAnchor, privateKeyPem: app.clientAuthPrivateKey, publicKeyPem: "" };
  const jwt = await clientJwt(signer, body, { iat: now, exp: now + 60 });
  return (await establish(setup.deps, { authorization: `SudomimusClientJWT ${jwt}`, rawBody: new TextEncoder().encode(body) })).exposureKey;
}

/**
 * A discoverable ES256 passkey of `accountId`, held by a software
 * authenticator that answers any challenge with user verification — as
 * Chromium's virtual one does when the options name no credential.
 */
async function newPasskey(accountId: string, transports: string[]) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
  const coseKey = Buffer.concat([
    Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]),
    Buffer.from(jwk.x!, "base64url"),
    Buffer.from([0x22, 0x58, 0x20]),
    Buffer.from(jwk.y!, "base64url"),
  ]);
  const id = b64url(crypto.randomBytes(32));
  await insertAuthentication(setup.deps.db, { accountId, kind: "PASSKEY", subject: id, label: "Laptop", publicKey: coseKey, signCount: 0, transports });
  let counter = 0;
  return {
    id,
    assert(challenge: string): AuthenticationResponseJSON {
      const { rpID, origin } = relyingParty(setup.deps.config);
      const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin, crossOrigin: false }));
      const count = Buffer.alloc(4);
      count.writeUInt32BE(++counter);
      // User present and user verified.
      const authenticatorData = Buffer.concat([sha256(rpID), Buffer.from([0x05]), count]);
      const signature = crypto.sign("sha256", Buffer.concat([authenticatorData, sha256(clientDataJSON)]), privateKey);
      const response = { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authenticatorData), signature: b64url(signature) };
      return { id, rawId: id, type: "public-key", response, clientExtensionResults: {} };
    },
  };
}

/** Email-first: options for `email`, then `passkey` answers them in the same browser. */
async function signInEmailFirst(email: string, passkey: Awaited<ReturnType<typeof newPasskey>>) {
  const browser = newBrowser();
  const exposureKey = await newExposureKey();
  const { challengeId, options } = await passkeySignInOptions(setup.deps, browser, { exposureKey, email });
  return passkeySignInVerify(setup.deps, browser, { exposureKey, challengeId, response: passkey.assert(options.challenge) });
}

describe("via passkey sign-in (lib)", () => {
  before(async () => {
    setup = await libDeps();
    app = await createApplication(setup.deps, {
      anchor: `pk-${rand()}`,
      organizationId: null,
      names: { "en-US": "Passkey App" },
      rules: {
        authentication: [
          { method: "PASSKEY_REASONED", payload: {} },
          { method: "PASSKEY_USERNAMELESS", payload: {} },
        ],
        realize: [{ constraintType: "EVERYONE", payload: {} }],
        return: [{ returnMethod: "STATUS_POLL", payload: {} }],
      },
      claimPolicies: { email: "OFF", firstName: "OFF", lastName: "OFF" },
    });
  });
  after(async () => setup?.close());

  it("answers email-first options for an address with passkeys exactly as for one without, or without an account", async () => {
    const registered = await newAccount();
    await newPasskey(registered.id, ["internal", "hybrid"]);
    await newPasskey(registered.id, ["usb"]);
    const withoutPasskeys = await newAccount();
    const exposureKey = await newExposureKey();
    // Everything but the fresh random values, which must at least be alike in length.
    const shapeFor = async (email: string) => {
      const { challengeId, options } = await passkeySignInOptions(setup.deps, newBrowser(), { exposureKey, email });
      const { challenge, ...rest } = options;
      return { challengeId: challengeId.length, challenge: Buffer.from(challenge, "base64url").length, ...rest };
    };
    const unknown = await shapeFor(`nobody-${rand()}@example.com`);
    assert.deepEqual(await shapeFor(registered.email), unknown, "an address with passkeys");
    assert.deepEqual(await shapeFor(withoutPasskeys.email), unknown, "an account without passkeys");
  });

  it("signs the typed address's account in with its passkey, and refuses another account's alike for a known and an unknown address", async () => {
    const user = await newAccount();
    const own = await newPasskey(user.id, ["internal"]);
    const stranger = await newAccount();
    const theirs = await newPasskey(stranger.id, ["internal"]);
    const refusal = async (email: string) => {
      const error = await rejectsWith(signInEmailFirst(email, theirs), "PasskeyFailed", 400);
      return { status: error.status, body: error.body };
    };
    const forUnknown = await refusal(`nobody-${rand()}@example.com`);
    assert.deepEqual(forUnknown.body, { livesRemaining: 4 }, "a failed passkey costs a life");
    assert.deepEqual(await refusal(user.email), forUnknown, "a valid passkey of another account is just a wrong passkey");
    assert.deepEqual(await signInEmailFirst(user.email, own), { next: "status-poll" });
  });

  it("limits how many sign-in options one network address asks for per window", async () => {
    const exposureKey = await newExposureKey();
    const ask = (address: string | null) => passkeySignInOptions(setup.deps, newBrowser(address), { exposureKey });
    for (let i = 0; i < SIGN_IN_OPTIONS_PER_CLIENT.limit; i++) await ask("192.0.2.7");
    const limited = await rejectsWith(ask("192.0.2.7"), "RateLimited", 429);
    assert.ok(Number(limited.headers?.["retry-after"]) > 0, "says when to try again");
    assert.ok((await ask("192.0.2.8")).challengeId, "another address is not held back");
    setup.deps.clock.advance(SIGN_IN_OPTIONS_PER_CLIENT.windowSeconds);
    assert.ok((await ask("192.0.2.7")).challengeId, "the next window admits it again");
  });
});
