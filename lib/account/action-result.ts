// What every account server action answers: success (with data) or a
// message key of the withAccount catalog (`errors.<key>`) for the client to
// translate, optionally naming the field it belongs next to. Domain failures
// (SudomimusError) map to keys here, once; anything else is logged by the
// caller and answered as a generic failure, never a 500 page.
import { isSudomimusError } from "../errors";

export type ActionFailure = { ok: false; error: string; field?: string; values?: Record<string, string | number>; organizations?: { anchor: string; name: string }[] };
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

const REASON_KEYS: Record<string, string> = {
  AccountOwnsLiveOrganizations: "ownsLiveOrganizations",
  WrongCode: "wrongCode",
  CodeExpired: "codeExpired",
  PasskeyFailed: "passkeyFailed",
  RateLimited: "rateLimited",
  EmailDomainBlocked: "emailDomainBlocked",
  EmailDomainRequiresSso: "emailDomainRequiresSso",
  NotFound: "notFound",
  SignInRequired: "signedOut",
};

/** The translated-result form of a thrown error; null when it is not an expected (domain) failure. */
export function failureOf(error: unknown): ActionFailure | null {
  if (!isSudomimusError(error)) return null;
  const body = error.body ?? {};
  const key = typeof body.key === "string" ? body.key : (REASON_KEYS[error.reason] ?? (error.reason.startsWith("Invalid ") ? "invalid" : "generic"));
  const failure: ActionFailure = { ok: false, error: key };
  if (typeof body.field === "string") failure.field = body.field;
  if (Array.isArray(body.organizations)) failure.organizations = body.organizations as ActionFailure["organizations"];
  if (typeof body.livesRemaining === "number") failure.values = { remaining: body.livesRemaining };
  return failure;
}

/** Runs one account mutation: its value on success, a translated-result failure otherwise (unexpected errors are logged, never thrown at the page). */
export async function runAccountAction<T extends object>(
  log: { error(message: string, fields?: Record<string, unknown>): void },
  action: string,
  work: () => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    const failure = failureOf(error);
    if (failure) return failure;
    log.error("account action failed", { action, error: String(error) });
    return { ok: false, error: "generic" };
  }
}
