// The envelope of every server action of the With portal (account,
// developer, application configuration): resolve the signed-in caller on the
// server, run the lib call — which checks roles itself (lib/developer/access)
// — and answer its value or a message key the client translates in its
// catalog (`<namespace>.errors.<key>`). Domain failures (SudomimusError) map
// to keys here, once; so do the database's failures the person can act on
// (text it cannot store, an outage); anything else is logged and answered as
// UNEXPECTED, never a 500 page. Every catalog of the portal carries these
// shared keys.
import { isDatabaseUnavailable } from "@/db/unavailable";
import { isUnstorableText } from "@/db/unstorable-text";
import { isSudomimusError } from "../errors";
import { describeError } from "../log";
import { portalActionContext, type PortalContext } from "./portal-context";

/** The key of a failure the user cannot fix; every portal catalog has it. */
export const UNEXPECTED = "unexpected";
/** The key of input the form could not tell was wrong; every portal catalog has it. */
export const INVALID = "invalid";
/** The key of a database outage: nothing was done, a retry in a moment may work; every portal catalog has it. */
export const UNAVAILABLE = "unavailable";

export type ActionFailure = {
  ok: false;
  error: string;
  /** The form field the message belongs next to. */
  field?: string;
  /** ICU values of the message (e.g. `remaining` attempts). */
  values?: Record<string, string | number>;
  /** What blocks an account's erasure, listed under the message. */
  organizations?: { anchor: string; name: string }[];
};
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

/**
 * What an action answers for a lib value T: a plain value becomes
 * `{ ok: true, ...value }`; a value that already is a result (it carries
 * `ok`, as the application-config lib's validation results do) reaches the
 * client unchanged, so its issues keep their own shape.
 */
export type Settled<T> = T extends { ok: boolean } ? T : { ok: true } & T;

/** The reasons a lib may throw without a `code`/`key` of its own, as message keys (and the field they belong to). */
const REASON_KEYS: Record<string, { key: string; field?: string }> = {
  SignInRequired: { key: "signedOut" },
  NotFound: { key: "notFound" },
  ApplicationNotFound: { key: "notFound" },
  Forbidden: { key: "roleTooLow" },
  Conflict: { key: "conflict" },
  ApplicationAnchorTaken: { key: "anchorTaken", field: "anchor" },
  AccountOwnsLiveOrganizations: { key: "ownsLiveOrganizations" },
  WrongCode: { key: "wrongCode" },
  CodeExpired: { key: "codeExpired" },
  PasskeyFailed: { key: "passkeyFailed" },
  RateLimited: { key: "rateLimited" },
  MailUnavailable: { key: "mailUnavailable" },
  EmailDomainBlocked: { key: "emailDomainBlocked" },
  EmailDomainRequiresSso: { key: "emailDomainRequiresSso" },
};

/** The translatable form of a thrown error; null when it is not an expected (domain) failure with a known key. */
export function failureOf(error: unknown): ActionFailure | null {
  if (!isSudomimusError(error)) return null;
  const body = error.body ?? {};
  const known = REASON_KEYS[error.reason] ?? (error.reason.startsWith("Invalid ") ? { key: "invalid" } : undefined);
  // A refusal names its message itself (`code` on the developer surface, `key` on the account one); the reason is the fallback.
  const key = typeof body.code === "string" ? body.code : typeof body.key === "string" ? body.key : known?.key;
  if (!key) return null;
  const failure: ActionFailure = { ok: false, error: key };
  const field = typeof body.field === "string" ? body.field : known?.field;
  if (field) failure.field = field;
  if (Array.isArray(body.organizations)) failure.organizations = body.organizations as ActionFailure["organizations"];
  if (typeof body.livesRemaining === "number") failure.values = { remaining: body.livesRemaining };
  return failure;
}

/**
 * The key of a failure that is not a domain one. Text the database cannot
 * store (U+0000 in a name or label, past the lib's checks) is still the
 * person's input: INVALID, as the APIs answer it 400. An outage is
 * UNAVAILABLE, as the APIs answer it 503. Anything else is UNEXPECTED.
 */
export function fallbackFailureOf(error: unknown): ActionFailure {
  if (isUnstorableText(error)) return refusal(INVALID);
  if (isDatabaseUnavailable(error)) return refusal(UNAVAILABLE);
  return refusal(UNEXPECTED);
}

/** A refusal decided in the action itself (input the form cannot have sent). */
export function refusal(error: string, field?: string): ActionFailure {
  return field ? { ok: false, error, field } : { ok: false, error };
}

/**
 * Runs one portal mutation for the signed-in caller; `action` names it in the
 * log. What needs a recent sign-in the lib call decides (confirmRecentSignIn).
 */
export async function portalAction<T extends object>(
  action: string,
  run: (ctx: PortalContext) => Promise<T>,
): Promise<Settled<T> | ActionFailure> {
  const ctx = await portalActionContext();
  if (!ctx) return refusal("signedOut");
  try {
    const value = await run(ctx);
    return (isResult(value) ? value : { ok: true, ...value }) as Settled<T>;
  } catch (error) {
    const failure = failureOf(error);
    if (failure) return failure;
    const fallback = fallbackFailureOf(error);
    // Logged either way: an outage for the operator, unstorable text as an edge check worth adding.
    const level = fallback.error === INVALID ? "warn" : "error";
    ctx.deps.log[level]("portal action failed", { action, error: describeError(error) });
    return fallback;
  }
}

function isResult(value: object): value is { ok: boolean } {
  return typeof (value as { ok?: unknown }).ok === "boolean";
}

/** A form field as a string ("" when absent or not text). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
