// What the sign-in page needs to render for an exposure key: the
// application's name in the visitor's language, the methods Layer 1 and the
// inquiry's constraints allow, who is signed in to this browser and whether
// that sign-in counts for this inquiry. No secrets, no account id.
import { connectorDisplayNames } from "@/db/queries/federation-connectors";
import type { ApplicationContext } from "../applications/application-context";
import type { ClaimPolicy } from "../applications/claim-policy";
import { localizedName } from "../applications/info";
import { isSudomimusError } from "../errors";
import { withDomainMandate } from "../federation/domain-managed";
import { loadAccountIdentity } from "../identity/accounts";
import { isLiveSectorSubjectOf } from "../identity/sector-subjects";
import { socialConfigured } from "../social/social-sign-in";
import { SOCIAL, SOCIAL_PROVIDERS, type SocialProvider } from "../social/vocabulary";
import type { Inquiry } from "../inquiry/load-inquiry";
import { signInDemandsOf } from "../inquiry/realize";
import { allowedAuthenticationMethods, checkAuthenticationMethod, type AuthenticationMethod, type AuthenticationOption } from "../rules";
import type { Deps } from "../runtime";
import { attemptOfSession, currentBrowserSession } from "./browser-session";
import { pendingInquiry } from "./pending-inquiry";
import type { Browser } from "./browser";

export type SignInPage =
  | { state: "invalid" | "expired" | "dead" | "disabled" }
  | {
      state: "pending";
      application: { anchor: string; name: string };
      methods: AuthenticationOption[];
      /** "Sign in with <IdP>" buttons: the application-managed connectors Layer 1 offers, enabled ones only. */
      federation: { connectorAnchor: string; displayName: string }[];
      /** "Continue with Google/…" buttons: the consumer providers Layer 1 offers and the operator configured. */
      social: SocialProvider[];
      /** Each claim's requirement, for the consent step (REQUIRED locked on, SYNTHETIC disclosed). */
      claimPolicy: ClaimPolicy;
      /** Someone is signed in to this browser: shown as "Continue as …". */
      signedIn: SignedIn | null;
      livesRemaining: number;
    };

export interface SignedIn {
  displayName: string;
  /** The account may continue here: the flow accepts how it signed in, and it is the user the flow names, if any. */
  usableHere: boolean;
  /** The flow names another user (OIDC id_token_hint): "sign in with a different account". */
  otherAccountExpected: boolean;
}

/** What the sign-in card offers, as its start step renders it. */
export interface OfferedMethods {
  usernameless: boolean;
  reasoned: boolean;
  email: boolean;
  /** One "Sign in with <IdP>" button per application-managed connector. */
  federation: { connectorAnchor: string; displayName: string }[];
  /** One "Continue with <provider>" button per consumer provider. */
  social: SocialProvider[];
  /** Forced-SSO logins are accepted: the email field finds the user's IdP (docs 25). */
  forcedSso: boolean;
}

export function offeredMethods(page: Extract<SignInPage, { state: "pending" }>): OfferedMethods {
  const offered = new Set(page.methods.map((option) => option.method));
  return {
    usernameless: offered.has("PASSKEY_USERNAMELESS"),
    reasoned: offered.has("PASSKEY_REASONED"),
    email: offered.has("EMAIL_VERIFICATION"),
    federation: page.federation,
    social: page.social,
    forcedSso: offered.has("ENTERPRISE_FEDERATION_DOMAIN_MANAGED"),
  };
}

export async function loadSignInPage(deps: Pick<Deps, "db" | "keyring" | "clock" | "config">, browser: Pick<Browser, "sessionKey" | "locale">, exposureKey: string): Promise<SignInPage> {
  let found;
  try {
    found = await pendingInquiry(deps, exposureKey);
  } catch (error) {
    if (!isSudomimusError(error)) throw error;
    if (error.reason === "InquiryDead") return { state: "dead" };
    if (error.reason === "InquiryExpired") return { state: "expired" };
    if (error.reason === "ApplicationDisabled") return { state: "disabled" };
    return { state: "invalid" };
  }
  const { inquiry, context } = found;
  const session = await currentBrowserSession(deps, browser);
  const demands = flowDemands(context, inquiry);
  let signedIn: SignedIn | null = null;
  // A flow that demands a fresh sign-in (OIDC prompt=login, max_age) is not offered an older one at all.
  if (session && (!demands.signInNotBefore || session.authTime.getTime() >= demands.signInNotBefore.getTime())) {
    const identity = await loadAccountIdentity(deps.db, session.accountId);
    if (identity && identity.account.status === "ACTIVE") {
      const name = [identity.account.firstName, identity.account.lastName].filter(Boolean).join(" ");
      const otherAccountExpected =
        demands.expectedSubject !== null && !(await isLiveSectorSubjectOf(deps.db, identity.account.id, context.application.sectorId, demands.expectedSubject));
      signedIn = {
        displayName: name || session.loginEmail || identity.primaryEmail || "",
        otherAccountExpected,
        usableHere: !otherAccountExpected && checkAuthenticationMethod(
          context.rules.authentication,
          inquiry.authenticationConstraints,
          await withDomainMandate(deps.db, attemptOfSession(session), identity.verifiedEmails, session.federationConnectorId),
        ).allowed,
      };
    }
  }
  const methods = allowedAuthenticationMethods(context.rules.authentication, inquiry.authenticationConstraints);
  const anchors = methods.flatMap((option) => (option.method === "ENTERPRISE_FEDERATION_APPLICATION_MANAGED" ? [option.connectorAnchor] : []));
  const organizationId = context.application.organizationId;
  const names = organizationId ? await connectorDisplayNames(deps.db, organizationId, anchors) : new Map<string, string>();
  return {
    state: "pending",
    application: { anchor: context.application.anchor, name: localizedName(context.application.names, context.application.defaultLocale, browser.locale) },
    methods,
    federation: anchors.flatMap((connectorAnchor) => {
      const displayName = names.get(connectorAnchor);
      return displayName ? [{ connectorAnchor, displayName }] : [];
    }),
    social: SOCIAL_PROVIDERS.filter((provider) => socialConfigured(deps, provider) && methods.some((option) => option.method === SOCIAL[provider].method)),
    claimPolicy: { ...context.claimPolicy },
    signedIn,
    livesRemaining: inquiry.row.livesRemaining,
  };
}

/** What the flow demands of a sign-in; nothing when it can no longer deliver (Layer 3: realize says so when the user continues). */
function flowDemands(context: ApplicationContext, inquiry: Inquiry): ReturnType<typeof signInDemandsOf> {
  try {
    return signInDemandsOf(context, inquiry);
  } catch (error) {
    if (isSudomimusError(error)) return { signInNotBefore: null, consentNotBefore: null, expectedSubject: null };
    throw error;
  }
}
