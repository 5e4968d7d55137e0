// Seeding on a real database of this pass's kind: the built-in applications
// come with the relying-party keys this server signs in with, written with
// the application, and a built-in application found without its key gets a
// matching one again at the next start.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, it } from "node:test";
import { eq } from "drizzle-orm";
import { findApplicationByAnchor, findRelyingPartyKey } from "@/db/queries/applications";
import { relyingPartyKeys } from "@/db/schema";
import { createApplication } from "@/lib/applications/create-application";
import { unseal } from "@/lib/crypto/seal";
import { buildTemplate } from "@/lib/rules";
import { DEMO_ANCHOR, PORTAL_ANCHOR, relyingPartyKeyAad, seedIfEmpty } from "@/lib/seed";
import { libDeps } from "../support/lib-deps";

let setup: Awaited<ReturnType<typeof libDeps>>;

/** Whether the kept private key is the half of the application's client-auth public key (what Connect verifies against). */
async function keyMatches(anchor: string): Promise<boolean> {
  const sealed = await findRelyingPartyKey(setup.deps.db, anchor);
  assert.ok(sealed, `${anchor} has a relying-party key`);
  const privateKey = unseal(setup.deps.keyring, sealed, relyingPartyKeyAad(anchor));
  const application = (await findApplicationByAnchor(setup.deps.db, anchor))!;
  return crypto.createPublicKey(privateKey).export({ type: "spki", format: "pem" }) === application.clientAuthPublicKey;
}

describe("seeding (lib)", () => {
  before(async () => {
    setup = await libDeps();
  });
  after(async () => {
    await setup?.close();
  });

  it("seeds the built-in applications with their relying-party keys, and restores a lost key at the next start", async () => {
    await seedIfEmpty(setup.deps);
    for (const anchor of [PORTAL_ANCHOR, DEMO_ANCHOR]) assert.ok(await keyMatches(anchor), anchor);

    // A portal left without its key (the process died between the two writes of an earlier version).
    await setup.deps.db.delete(relyingPartyKeys).where(eq(relyingPartyKeys.applicationAnchor, PORTAL_ANCHOR));
    const before = (await findApplicationByAnchor(setup.deps.db, DEMO_ANCHOR))!.clientAuthPublicKey;
    await seedIfEmpty(setup.deps);
    assert.ok(await keyMatches(PORTAL_ANCHOR), "the portal can sign in with Connect again");
    assert.equal((await findApplicationByAnchor(setup.deps.db, DEMO_ANCHOR))!.clientAuthPublicKey, before, "an application with its key is left alone");
  });

  it("creates nothing when what belongs with an application cannot be written in its transaction", async () => {
    const anchor = `seed-atomic-${crypto.randomBytes(3).toString("hex")}`;
    const failing = createApplication(setup.deps, {
      anchor,
      organizationId: null,
      names: { "en-US": "Atomic" },
      rules: buildTemplate("cli-device", {}),
      afterInsert: async () => {
        throw new Error("the key could not be written");
      },
    });
    await assert.rejects(failing, /could not be written/);
    assert.equal(await findApplicationByAnchor(setup.deps.db, anchor), null);
  });
});
