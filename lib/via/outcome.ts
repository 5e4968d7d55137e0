// What the sign-in page does next, after a step: ask for consent, or what
// the inquiry's flow delivers (lib/inquiry/delivery.ts) — go back to the
// application (CALLBACK), say "return to the app" (STATUS_POLL), show tokens
// once (REVEAL), or a flow's own next step.
import type { BrowserSessionRow } from "@/db/queries/browser-sessions";
import type { Claim } from "../identity/claims-vocabulary";
import type { Delivered } from "../inquiry/delivery";
import type { Inquiry } from "../inquiry/load-inquiry";
import { realize } from "../inquiry/realize";
import type { Deps } from "../runtime";
import { attemptOfSession } from "./browser-session";

export type ViaOutcome = { next: "consent"; ask: Claim[]; missingData: Claim[] } | Delivered;

export async function realizeForBrowser(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">,
  inquiry: Inquiry,
  session: Pick<BrowserSessionRow, "accountId" | "authenticationMethod" | "loginEmail" | "authTime" | "federationConnectorId" | "federationConnectorAnchor">,
): Promise<ViaOutcome> {
  const result = await realize(deps, {
    inquiry,
    accountId: session.accountId,
    attempt: attemptOfSession(session),
    loginEmail: session.loginEmail,
    authTime: session.authTime,
    federationConnectorId: session.federationConnectorId,
  });
  return result.kind === "consent" ? { next: "consent", ask: result.ask, missingData: result.missingData } : result.delivered;
}
