"use server";
// Domain mutations (docs 21, 22). Who may (OWNER; the sole OWNER for a login
// policy), the format, the quota, the DNS lookup and the lock-yourself-out
// confirmation all live in lib/domains.
import { revalidatePath } from "next/cache";
import { portalAction, field, type ActionResult } from "@/lib/portal/portal-action";
import { adoptDomain, releaseDomain } from "@/lib/domains/claims";
import { setLoginPolicy, type LoginPolicyInput } from "@/lib/domains/login-policy";
import { verifyDomain } from "@/lib/domains/verification";

// The list and every claim's own pages below it.
const PATH = "/with/domains";

export async function adoptDomainAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await portalAction("domain.adopt", async ({ deps, account }) => ({
    domain: (await adoptDomain(deps, account.id, field(form, "organization"), field(form, "domain"))).domain,
  }));
  if (result.ok) revalidatePath(PATH, "layout");
  return result;
}

export async function verifyDomainAction(organization: string, domain: string): Promise<ActionResult> {
  const result = await portalAction("domain.verify", async ({ deps, account }) => verifyDomain(deps, account.id, organization, domain));
  if (result.ok) revalidatePath(PATH, "layout");
  return result;
}

export async function releaseDomainAction(organization: string, domain: string): Promise<ActionResult> {
  const result = await portalAction("domain.release", async ({ deps, account }) => (await releaseDomain(deps, account.id, organization, domain), {}));
  if (result.ok) revalidatePath(PATH, "layout");
  return result;
}

export async function setLoginPolicyAction(organization: string, domain: string, input: LoginPolicyInput): Promise<ActionResult> {
  const result = await portalAction("domain.loginPolicy", async ({ deps, account }) => (await setLoginPolicy(deps, account.id, organization, domain, input), {}));
  if (result.ok) revalidatePath(PATH, "layout");
  return result;
}
