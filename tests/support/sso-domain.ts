// TEST SETUP ONLY: forced SSO's preconditions written straight into the
// database — a VERIFIED domain whose SSO_ONLY login policy binds a connector,
// and an extra verified address for an account. Domain adoption (DNS) and
// policy editing are their own features; these rows are what they leave behind.
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { domains, emailIdentities, federationConnectors, loginPolicies } from "@/db/schema";

/** Makes `domain` a VERIFIED domain of the connector's organization with an SSO_ONLY policy bound to that connector. */
export async function gateDomainBySso(db: Executor, input: { domain: string; connectorAnchor: string; now?: Date }): Promise<void> {
  const [connector] = await db.select().from(federationConnectors).where(eq(federationConnectors.anchor, input.connectorAnchor));
  if (!connector) throw new Error(`test setup: no connector ${input.connectorAnchor}`);
  const now = input.now ?? new Date();
  const [row] = await db
    .insert(domains)
    .values({ organizationId: connector.organizationId, domain: input.domain, state: "VERIFIED", verificationToken: "test-setup", verifiedAt: now, createdAt: now })
    .returning();
  await db.insert(loginPolicies).values({ domainId: row!.id, policy: "SSO_ONLY", connectorId: connector.id, updatedAt: now });
}

/** Gives the account that owns `owner` one more verified address (as if added in the portal). */
export async function addVerifiedEmail(db: Executor, input: { owner: string; email: string; now?: Date }): Promise<void> {
  const [existing] = await db.select().from(emailIdentities).where(eq(emailIdentities.email, input.owner));
  if (!existing) throw new Error(`test setup: nobody owns ${input.owner}`);
  const now = input.now ?? new Date();
  await db.insert(emailIdentities).values({ accountId: existing.accountId, email: input.email, verifiedHow: "EMAIL_OTP", verifiedAt: now, isPrimary: false, createdAt: now });
}
