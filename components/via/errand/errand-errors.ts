// How a failed errand action is shown: inline on the step (with the words
// from the errand catalog), or by reloading the page when the errand or the
// sign-in changed under it (the server then shows what is true).
import type { ViaError } from "../via-api";

export interface ErrandMessage {
  key: string;
  values?: Record<string, string | number>;
}

export type ErrandFailure = { kind: "inline"; message: ErrandMessage } | { kind: "reload" };

const INLINE: Record<string, string> = {
  CodeExpired: "errors.codeExpired",
  "Invalid email": "errors.invalidEmail",
  ErrandAccountMismatch: "errors.accountMismatch",
  Conflict: "errors.emailTaken",
  EmailDomainBlocked: "errors.emailDomain",
  EmailDomainRequiresSso: "errors.emailDomain",
  "Invalid decisions": "errors.invalidDecisions",
  "Invalid profile": "errors.invalidName",
  NetworkError: "errors.network",
  MailUnavailable: "errors.mailUnavailable",
};

export function describeErrandError(error: ViaError): ErrandFailure {
  if (error.reason === "ErrandExpired" || error.reason === "SignInRequired") return { kind: "reload" };
  if (error.reason === "WrongCode") return { kind: "inline", message: { key: "errors.wrongCode", values: { count: error.livesRemaining ?? 0 } } };
  if (error.reason === "RateLimited") return { kind: "inline", message: { key: "errors.rateLimited", values: { seconds: error.retryAfterSeconds ?? 60 } } };
  return { kind: "inline", message: { key: INLINE[error.reason] ?? "errors.generic" } };
}
