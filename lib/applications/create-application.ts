// Creating an application: a fresh sector by default (maximum isolation) or an
// existing one, two RSA-2048 keypairs, the three rule layers and the claim
// policy — all in one transaction. The client-auth private key is returned to
// the caller once and never stored by Sudomimus.
import type { Executor } from "@/db/client";
import { insertApplication, insertSector } from "@/db/queries/applications";
import { fail } from "../errors";
import { generateRsaKeyPair } from "../crypto/rsa";
import { seal } from "../crypto/seal";
import { newResourceAnchor } from "../identity/identifiers";
import type { Deps } from "../runtime";
import { anchorSchema } from "./anchor";
import { writeClaimPolicies, type ClaimPolicyInput } from "./claim-policy";
import { tokenSigningKeyAad } from "./signing-key";
import { replaceRuleSet, type RuleSetInput } from "./rule-set";

export interface CreateApplicationInput {
  anchor: string;
  organizationId: string | null;
  /** An existing sector of the same organization; absent = a fresh sector for this application. */
  sectorId?: string;
  names: Record<string, string>;
  defaultLocale?: string;
  rules: RuleSetInput;
  claimPolicies?: ClaimPolicyInput;
  /** Runs first inside the creating transaction (the portal holds its quotas there). */
  beforeInsert?: (tx: Executor) => Promise<void>;
  /** Runs last inside the creating transaction, with what was created (the seed keeps a built-in application's client-auth key there). */
  afterInsert?: (tx: Executor, created: CreatedApplication) => Promise<void>;
}

export interface CreatedApplication {
  applicationId: string;
  applicationAnchor: string;
  sectorId: string;
  /** PKCS#8 PEM — shown once, never stored. */
  clientAuthPrivateKey: string;
  /** SPKI PEM of the token-signing key (what `/info` returns). */
  applicationPublicKey: string;
}

export async function createApplication(
  deps: Pick<Deps, "db" | "keyring" | "clock">,
  input: CreateApplicationInput,
): Promise<CreatedApplication> {
  const anchor = anchorSchema.safeParse(input.anchor);
  if (!anchor.success) fail("Invalid applicationAnchor", { message: `applicationAnchor ${anchor.error.issues[0]?.message}` });
  const defaultLocale = input.defaultLocale ?? "en-US";
  if (!input.names[defaultLocale]) fail("Invalid names", { message: `A name for the default locale ${defaultLocale} is required.` });

  // Key generation is slow CPU work: do it before opening the transaction.
  const [tokenSigning, clientAuth] = await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()]);
  const now = deps.clock.now();

  return deps.db.transaction(async (tx) => {
    await input.beforeInsert?.(tx);
    const sectorId =
      input.sectorId ??
      (
        await insertSector(tx, {
          anchor: newResourceAnchor(anchor.data),
          organizationId: input.organizationId,
          name: input.names[defaultLocale]!,
          createdAt: now,
        })
      ).id;
    const application = await insertApplication(tx, {
      anchor: anchor.data,
      organizationId: input.organizationId,
      sectorId,
      names: input.names,
      defaultLocale,
      tokenSigningPrivateKeySealed: seal(deps.keyring, tokenSigning.privateKeyPem, tokenSigningKeyAad(anchor.data)),
      tokenSigningPublicKey: tokenSigning.publicKeyPem,
      clientAuthPublicKey: clientAuth.publicKeyPem,
      createdAt: now,
    });
    if (!application) fail("ApplicationAnchorTaken", { message: `The application anchor ${anchor.data} is already taken.` });
    await replaceRuleSet(tx, application.id, input.rules);
    if (input.claimPolicies) await writeClaimPolicies(tx, application.id, input.claimPolicies);
    const created = {
      applicationId: application.id,
      applicationAnchor: application.anchor,
      sectorId,
      clientAuthPrivateKey: clientAuth.privateKeyPem,
      applicationPublicKey: tokenSigning.publicKeyPem,
    };
    await input.afterInsert?.(tx, created);
    return created;
  });
}
