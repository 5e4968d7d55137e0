// What the errand page (/via/errand?key=ernd_…) shows, decided on the server
// from the errand and the live state of the account (docs 31 "Security
// behavior"):
//   - consent only (nothing to write, not requested by the application):
//     no sign-in — the holder of the key already proved a token-minting
//     credential; the user grants the REQUIRED claims and may grant the
//     OPTIONAL ones;
//   - writing identity data (a missing name, no email) or an errand the
//     application requested: sign in first, as the errand's account, then
//     add what is missing, then decide.
// Every action answers with a fresh view, so the page never guesses.
import type { BrowserSessionRow } from "@/db/queries/browser-sessions";
import type { ErrandRow } from "@/db/queries/errands";
import { listAuthentications } from "@/db/queries/identity";
import { loadApplicationContextById, type ApplicationContext } from "../applications/application-context";
import type { ClaimPolicy } from "../applications/claim-policy";
import { localizedName } from "../applications/info";
import { fail } from "../errors";
import { loadAccountIdentity, type AccountIdentity } from "../identity/accounts";
import { loadClaimStates, type ClaimData, type ClaimStates } from "../identity/claims";
import { CLAIMS, type Claim } from "../identity/claims-vocabulary";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { currentBrowserSession } from "../via/browser-session";
import { findErrandByKey, isErrandLive } from "./errand";
import { parseStoredTasks, tasksFor, type ErrandTasks } from "./tasks";

export type NameClaim = "firstName" | "lastName";

export interface ErrandSignInStep {
  /** Someone else is signed in to this browser (their display name): they must sign out first. */
  elsewhere: string | null;
  /** The errand's account may sign in with an emailed code (it has an email) and/or with Steam. */
  methods: { email: boolean; steam: boolean };
}

export type ErrandView =
  | { state: "expired" }
  | { state: "completed"; application: string }
  | {
      state: "pending";
      application: string;
      /** The application asked for this errand (POST /errand), rather than a blocked direct-issue. */
      requested: boolean;
      /** Each claim's requirement, for the review rows. */
      requirements: ClaimPolicy;
      /** Non-null while the user must still sign in (as the errand's account). */
      signIn: ErrandSignInStep | null;
      /** Non-null when the account has no email and one is wanted: required, or offered (skippable). */
      addEmail: { required: boolean } | null;
      review: { ask: Claim[]; missingNames: NameClaim[] };
    };

/** A live, pending errand with everything an action needs. */
export interface LiveErrand {
  errand: ErrandRow;
  context: ApplicationContext;
  identity: AccountIdentity;
  states: ClaimStates;
  data: ClaimData;
  /** The owed work as of now (the user may have settled some of it elsewhere). */
  tasks: ErrandTasks;
  /** Writing data, or a requested errand: the user must be signed in as the errand's account. */
  needsSignIn: boolean;
}

type ViewDeps = Pick<Deps, "db" | "keyring" | "clock">;

/** The errand a key names if it can still be worked on; null when it is over (or its application / account is). */
async function liveErrand(deps: ViewDeps, key: string): Promise<LiveErrand | { over: "expired" | "completed"; errand: ErrandRow | null; context: ApplicationContext | null }> {
  const errand = await findErrandByKey(deps, key);
  if (!errand || !isErrandLive(errand, deps.clock.now())) return { over: "expired", errand, context: null };
  const context = await loadApplicationContextById(deps.db, errand.applicationId);
  if (!context || !context.application.enabled) return { over: "expired", errand, context: null };
  if (errand.state === "COMPLETED") return { over: "completed", errand, context };
  const identity = await loadAccountIdentity(deps.db, errand.accountId);
  if (!identity || identity.account.status !== "ACTIVE") return { over: "expired", errand, context: null };
  const states = await loadClaimStates(deps.db, identity.account.id, context.application.id);
  const data: ClaimData = { email: identity.primaryEmail, firstName: identity.account.firstName, lastName: identity.account.lastName };
  const stored = parseStoredTasks(errand.tasks);
  const tasks = tasksFor(stored.origin, context.claimPolicy, states, data);
  return { errand, context, identity, states, data, tasks, needsSignIn: errand.requiresSignIn || tasks.data.length > 0 };
}

/** For actions: the live errand, or ErrandExpired (the page reloads and shows what is true now). */
export async function requireLiveErrand(deps: ViewDeps, key: string): Promise<LiveErrand> {
  const live = await liveErrand(deps, key);
  if ("over" in live) fail("ErrandExpired", { message: "This errand is over; reload the page." });
  return live;
}

export type SignInCheck = { ok: true; session: BrowserSessionRow } | { ok: false; elsewhere: string | null };

/**
 * Whether this browser is signed in as the errand's account. An errand the
 * application requested wants a sign-in made after it was minted: the access
 * token that asked for it identifies the user but never authorizes sharing.
 */
export async function checkErrandSignIn(deps: ViewDeps, browser: Pick<Browser, "sessionKey">, live: Pick<LiveErrand, "errand">): Promise<SignInCheck> {
  const session = await currentBrowserSession(deps, browser);
  if (!session) return { ok: false, elsewhere: null };
  if (session.accountId !== live.errand.accountId) {
    const other = await loadAccountIdentity(deps.db, session.accountId);
    const name = other ? [other.account.firstName, other.account.lastName].filter(Boolean).join(" ") : "";
    return { ok: false, elsewhere: name || session.loginEmail || other?.primaryEmail || "?" };
  }
  if (live.errand.requiresSignIn && session.authTime.getTime() < live.errand.createdAt.getTime()) return { ok: false, elsewhere: null };
  return { ok: true, session };
}

/** For actions that write or decide behind sign-in: SignInRequired, or ErrandAccountMismatch for another account. */
export async function requireErrandSignIn(deps: ViewDeps, browser: Pick<Browser, "sessionKey">, live: LiveErrand): Promise<BrowserSessionRow> {
  const check = await checkErrandSignIn(deps, browser, live);
  if (check.ok) return check.session;
  if (check.elsewhere !== null) fail("ErrandAccountMismatch", { message: "You are signed in with a different account than the one this request is for." });
  fail("SignInRequired", { message: "Sign in to continue." });
}

/** Claims the user is asked to decide: REQUIRED ones not yet granted, requested ones never decided. */
export function askedClaims(policy: ClaimPolicy, states: ClaimStates): Claim[] {
  return CLAIMS.filter((claim) => (policy[claim] === "REQUIRED" ? states[claim] !== "GRANTED" : policy[claim] !== "OFF" && states[claim] === "UNKNOWN"));
}

export async function errandView(deps: ViewDeps, browser: Pick<Browser, "sessionKey" | "locale">, key: string): Promise<ErrandView> {
  const live = await liveErrand(deps, key);
  const name = (context: ApplicationContext) => localizedName(context.application.names, context.application.defaultLocale, browser.locale);
  if ("over" in live) return live.over === "completed" && live.context ? { state: "completed", application: name(live.context) } : { state: "expired" };

  const { context, identity, states, tasks } = live;
  const policy = context.claimPolicy;
  let signIn: ErrandSignInStep | null = null;
  if (live.needsSignIn) {
    const check = await checkErrandSignIn(deps, browser, live);
    if (!check.ok) {
      const steam = await listAuthentications(deps.db, identity.account.id, "STEAM_ID64");
      signIn = { elsewhere: check.elsewhere, methods: { email: identity.verifiedEmails.length > 0, steam: steam.length > 0 } };
    }
  }
  const emailWanted = tasks.data.includes("email") || (live.needsSignIn && policy.email !== "OFF" && states.email !== "DENIED");
  return {
    state: "pending",
    application: name(context),
    requested: live.errand.requiresSignIn,
    requirements: { ...policy },
    signIn,
    addEmail: identity.verifiedEmails.length === 0 && emailWanted ? { required: tasks.data.includes("email") } : null,
    review: {
      ask: askedClaims(policy, states),
      missingNames: (["firstName", "lastName"] as const).filter((claim) => policy[claim] === "REQUIRED" && !live.data[claim]),
    },
  };
}
