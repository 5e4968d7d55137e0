// What the sign-in page does next, after a step: ask for consent, or what
// the inquiry's flow delivers (lib/inquiry/delivery.ts) — go back to the
// application (CALLBACK), say "return to the app" (STATUS_POLL), show tokens
// once (REVEAL), or a flow's own next step. A forced-SSO account the gate
// turned back is sent through its IdP when the application accepts that.
import type { BrowserSessionRow } from "@/db/queries/browser-sessions";
import { loadApplicationContextById } from "../applications/application-context";
import type { SsoRequirement } from "../domains/sso-policy";
import { isSudomimusError } from "../errors";
import { acceptsForcedSso } from "../federation/domain-managed";
import type { Claim } from "../identity/claims-vocabulary";
import type { Delivered } from "../inquiry/delivery";
import type { Inquiry } from "../inquiry/load-inquiry";
import { realize } from "../inquiry/realize";
import type { Deps } from "../runtime";
import { attemptOfSession } from "./browser-session";

/** "Continue with <IdP>": the connectors that would satisfy the gate (several: a picker). */
export type ForcedSso = { next: "sso"; connectors: SsoRequirement[] };

export type ViaOutcome = { next: "consent"; ask: Claim[]; missingData: Claim[] } | ForcedSso | Delivered;

type OutcomeDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

export async function realizeForBrowser(
  deps: OutcomeDeps,
  inquiry: Inquiry,
  session: Pick<BrowserSessionRow, "accountId" | "authenticationMethod" | "loginEmail" | "authTime" | "federationConnectorId" | "federationConnectorAnchor"> & Partial<Pick<BrowserSessionRow, "gitHubOrgs">>,
): Promise<ViaOutcome> {
  let result;
  try {
    result = await realize(deps, {
      inquiry,
      accountId: session.accountId,
      attempt: attemptOfSession(session),
      loginEmail: session.loginEmail,
      authTime: session.authTime,
      federationConnectorId: session.federationConnectorId,
    });
  } catch (error) {
    const sso = await forcedSsoInstead(deps, inquiry, error);
    if (sso) return sso;
    throw error;
  }
  return result.kind === "consent" ? { next: "consent", ask: result.ask, missingData: result.missingData } : result.delivered;
}

/** The realize-time catch (no-email flows): SSO_ONLY refused this login, and the application accepts forced-SSO logins. */
async function forcedSsoInstead(deps: OutcomeDeps, inquiry: Inquiry, error: unknown): Promise<ForcedSso | null> {
  if (!isSudomimusError(error) || error.reason !== "EmailDomainRequiresSso") return null;
  const connectors = (error.body?.connectors ?? []) as SsoRequirement[];
  const context = await loadApplicationContextById(deps.db, inquiry.row.applicationId);
  // Without the opt-in the refusal stands: no implicit escape hatch.
  if (connectors.length === 0 || !context || !acceptsForcedSso(context, inquiry)) return null;
  return { next: "sso", connectors };
}
