// The device page's failures, as keys of the `device` catalog. Each takes
// `{seconds}` (only `errors.rateLimited` shows it).
import type { ViaError } from "../via-api";

const KEYS: Record<string, string> = {
  "Invalid userCode": "errors.invalid",
  UserCodeNotFound: "errors.notFound",
  UserCodeExpired: "errors.expired",
  UserCodeUsed: "errors.used",
  RateLimited: "errors.rateLimited",
  ApplicationDisabled: "errors.disabled",
  Layer3Denied: "errors.notAllowed",
  NetworkError: "errors.network",
};

export function deviceErrorKey(error: Pick<ViaError, "reason">): string {
  return KEYS[error.reason] ?? "errors.generic";
}
