// The email step's first question (docs 06 "/reason/email", 25): is the
// typed address on a VERIFIED domain whose owner forces its users through an
// IdP (SSO_ONLY)? Then every other method is suppressed — no code is mailed,
// no passkey is asked for — and the page offers only "Continue with <IdP>",
// or says the application does not accept such logins. Only the domain's
// policy decides, never whether an account exists (the page must not tell).
import { failRequiresSso, ssoRequirementsForEmail } from "../domains/sso-policy";
import { fail } from "../errors";
import { acceptsForcedSso } from "../federation/domain-managed";
import { emailAddressSchema } from "../identity/email-address";
import type { Deps } from "../runtime";
import type { ForcedSso } from "./outcome";
import { pendingInquiry } from "./pending-inquiry";

export type EmailReason = { next: "methods" } | ForcedSso;

export async function reasonEmail(deps: Pick<Deps, "db" | "keyring" | "clock">, input: { exposureKey: string; email: string }): Promise<EmailReason> {
  const { inquiry, context } = await pendingInquiry(deps, input.exposureKey);
  const parsed = emailAddressSchema.safeParse(input.email);
  if (!parsed.success) fail("Invalid email", { message: "Enter a valid email address." });
  const connectors = await ssoRequirementsForEmail(deps.db, parsed.data);
  if (connectors.length === 0) return { next: "methods" };
  // An application that did not opt in gets no implicit SSO button: the user is refused here.
  if (!acceptsForcedSso(context, inquiry)) failRequiresSso(connectors);
  return { next: "sso", connectors };
}

/** Every other method refuses to even start for a forced-SSO address (called with a normalized address). */
export async function suppressForForcedSso(deps: Pick<Deps, "db">, email: string): Promise<void> {
  const connectors = await ssoRequirementsForEmail(deps.db, email);
  if (connectors.length > 0) failRequiresSso(connectors);
}
