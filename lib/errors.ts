// One error type for every expected failure, carrying the stable wire
// `reason` from the specs. The status of each reason is decided here, once;
// surfaces that speak another vocabulary (RFC 8628, OAuth/OIDC) map reasons
// to theirs at their edge.

/** reason -> HTTP status, for every reason any surface can answer with. */
export const REASON_STATUS = {
  // 400: the request cannot be honoured as sent.
  InvalidRequest: 400,
  InquiryNotFound: 400,
  InquiryExpired: 400,
  InquiryNotRealized: 400,
  InquiryAlreadyRedeemed: 400,
  AccountNotFound: 400,
  FederationConnectorDiscoveryFailed: 400,
  // The domain's verification record is not (yet) visible in DNS: publish it, wait, retry.
  DomainVerificationFailed: 400,
  // via: a sign-in step the browser can retry.
  WrongCode: 400,
  CodeExpired: 400,
  PasskeyFailed: 400,
  // via errand page: the errand is over (unknown, expired, completed or consumed) — reload it.
  ErrandExpired: 400,
  // via's device page: the typed user code matches no live request, ran out, or was already used.
  UserCodeNotFound: 400,
  UserCodeExpired: 400,
  UserCodeUsed: 400,
  SignInRequired: 401,
  // 401: the presented credential is not good.
  ClientAuthInvalid: 401,
  AccessTokenInvalid: 401,
  // The With API: a genuine access token past its exp — refresh through Connect and retry.
  AccessTokenExpired: 401,
  RefreshTokenNotFound: 401,
  RefreshTokenSuspended: 401,
  RefreshTokenExpired: 401,
  RefreshTokenFamilyCompromised: 401,
  RefreshTokenRotationRaceLost: 401,
  AccessKeyDirectDenied: 401,
  SteamTicketInvalid: 401,
  // 403: understood and authenticated, but refused.
  ApplicationDisabled: 403,
  AccountDisabled: 403,
  AccountDeleted: 403,
  ClaimConsentRequired: 403,
  RequiredClaimDataMissing: 403,
  Layer1Denied: 403,
  Layer2Denied: 403,
  Layer3Denied: 403,
  EmailDomainBlocked: 403,
  EmailDomainRequiresSso: 403,
  InquiryDead: 403,
  // via errand page: the signed-in account (or the address) is not the errand's account.
  ErrandAccountMismatch: 403,
  // via, OIDC: the relying party named its user (id_token_hint) and another account signed in.
  OtherAccountExpected: 403,
  Forbidden: 403,
  // 404
  ApplicationNotFound: 404,
  NotFound: 404,
  // 405 / 409 / 413 / 415 / 429
  MethodNotAllowed: 405,
  SteamTicketReplayed: 409,
  ApplicationAnchorTaken: 409,
  AccountOwnsLiveOrganizations: 409,
  DomainAlreadyAdopted: 409,
  FederationConnectorInUse: 409,
  FederationConnectorInUseByLoginPolicy: 409,
  Conflict: 409,
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  RateLimited: 429,
  // 5xx
  AccessKeyCredentialAccountMissing: 500,
  InternalError: 500,
  SteamUnavailable: 502,
  ServiceUnavailable: 503,
  MailUnavailable: 503,
} as const;

export type KnownReason = keyof typeof REASON_STATUS;
/** Validation failures name the offending field, as the Native spec does (`Invalid accessKeySecret`). */
export type Reason = KnownReason | `Invalid ${string}`;

export interface ErrorOptions {
  /** A human sentence safe to show the caller (never secrets, never whether an account exists). */
  message?: string;
  /** For server logs only. */
  detail?: string;
  /** Extra wire fields (e.g. the claim-gate `claims` + `errand`). */
  body?: Record<string, unknown>;
  /** Extra response headers (e.g. Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class SudomimusError extends Error {
  readonly reason: Reason;
  readonly status: number;
  readonly publicMessage: string | undefined;
  readonly detail: string | undefined;
  readonly body: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(reason: Reason, options: ErrorOptions = {}) {
    super(options.message ?? options.detail ?? reason, { cause: options.cause });
    this.name = "SudomimusError";
    this.reason = reason;
    this.status = reason in REASON_STATUS ? REASON_STATUS[reason as KnownReason] : 400;
    this.publicMessage = options.message;
    this.detail = options.detail;
    this.body = options.body;
    this.headers = options.headers;
  }
}

export function fail(reason: Reason, options?: ErrorOptions): never {
  throw new SudomimusError(reason, options);
}

/** A 400 naming the field that is wrong and why. */
export function invalid(field: string, message: string): SudomimusError {
  return new SudomimusError(`Invalid ${field}`, { message });
}

export function isSudomimusError(error: unknown, reason?: Reason): error is SudomimusError {
  return error instanceof SudomimusError && (reason === undefined || error.reason === reason);
}
