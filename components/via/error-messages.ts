// How a failed step is shown. "inline" errors stay on the step with a way to
// retry; "blocked" means this account or address cannot sign in here (offer
// another one); "ended" means the inquiry itself is over (go back to the
// application); "restart" means the browser's sign-in lapsed (start over).
import type { ViaError } from "./via-api";

export interface MessageRef {
  key: string;
  values?: Record<string, string | number>;
  /** How a notice is shown: a failure the user should notice is "error"; default "info". */
  tone?: "info" | "error";
}

export type ErrorKind = "inline" | "blocked" | "ended" | "restart";

const ENDED: Record<string, string> = {
  InquiryDead: "errors.inquiryDead",
  InquiryExpired: "errors.inquiryExpired",
  InquiryNotFound: "errors.inquiryNotFound",
  InquiryAlreadyRedeemed: "errors.inquiryExpired",
  ApplicationDisabled: "errors.applicationDisabled",
  Layer3Denied: "errors.layer3Denied",
};

const BLOCKED: Record<string, string> = {
  Layer1Denied: "errors.layer1Denied",
  Layer2Denied: "errors.layer2Denied",
  OtherAccountExpected: "errors.otherAccountExpected",
  AccountDisabled: "errors.accountDisabled",
  AccountDeleted: "errors.accountDeleted",
  EmailDomainBlocked: "errors.emailDomainBlocked",
  EmailDomainRequiresSso: "errors.emailDomainRequiresSso",
  Forbidden: "errors.forbidden",
};

const INLINE: Record<string, string> = {
  CodeExpired: "errors.codeExpired",
  "Invalid email": "errors.invalidEmail",
  "Invalid decisions": "errors.invalidDecisions",
  "Invalid profile": "errors.invalidName",
  Conflict: "errors.passkeyExists",
  PasskeyExists: "errors.passkeyExists",
  PasskeyCancelled: "errors.passkeyCancelled",
  PasskeyUnavailable: "errors.passkeyUnavailable",
  NetworkError: "errors.network",
  MailUnavailable: "errors.mailUnavailable",
};

export function describeError(error: ViaError): { kind: ErrorKind; message: MessageRef } {
  const { reason } = error;
  if (ENDED[reason]) return { kind: "ended", message: { key: ENDED[reason] } };
  if (BLOCKED[reason]) return { kind: "blocked", message: { key: BLOCKED[reason] } };
  if (reason === "SignInRequired") return { kind: "restart", message: { key: "errors.signInRequired" } };
  if (reason === "WrongCode") return { kind: "inline", message: { key: "errors.wrongCode", values: { count: error.livesRemaining ?? 0 } } };
  if (reason === "PasskeyFailed") {
    return error.livesRemaining === undefined
      ? { kind: "inline", message: { key: "errors.passkeyFailed" } }
      : { kind: "inline", message: { key: "errors.passkeyFailedLives", values: { count: error.livesRemaining } } };
  }
  if (reason === "RateLimited") return { kind: "inline", message: { key: "errors.rateLimited", values: { seconds: error.retryAfterSeconds ?? 60 } } };
  return { kind: "inline", message: { key: INLINE[reason] ?? "errors.generic" } };
}
