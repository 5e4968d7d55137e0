// How a realized inquiry's result leaves via depends on the flow that opened
// the inquiry (its purpose). Each purpose contributes a plan: which Layer 3
// rules deliver it (they join the TTL fold, and none means Layer3Denied),
// which claims the flow can carry (OIDC scopes gate them), and what happens
// once the inquiry is marked realized.
import type { ApplicationContext } from "../applications/application-context";
import type { Claim } from "../identity/claims-vocabulary";
import type { TtlOverrides } from "../rules";
import type { Deps } from "../runtime";
import type { Inquiry } from "./load-inquiry";

/** What the sign-in page does next. Purposes add their own variants. */
export type Delivered =
  /** `declined`: the user said no, and the redirect carries the refusal (an OIDC access_denied). */
  | { next: "callback"; redirectTo: string; declined?: true }
  | { next: "status-poll" }
  | { next: "reveal"; tokens: { accessToken?: string; refreshToken?: string }; continueTo: string | null }
  /** DEVICE: the signed-in user approves or denies the client showing this code (deliveries/device.ts). */
  | { next: "device-decision"; userCode: string }
  /** DEVICE: the user declined on the consent step; the device hears access_denied. */
  | { next: "device-denied" };

export type DeliveryDeps = Pick<Deps, "db" | "keyring" | "clock" | "cache" | "config">;

export interface RealizedInquiry {
  inquiry: Inquiry;
  context: ApplicationContext;
  accountId: string;
  confirmationKey: string;
}

export interface DeliveryPlan {
  /** The application's Layer 3 rules this delivery uses (non-empty). */
  rules: TtlOverrides[];
  /** The claims this flow can carry; absent = all three. */
  claims?: readonly Claim[];
  /** A sign-in older than this does not count: the user must sign in again (OIDC prompt=login, max_age). */
  signInNotBefore?: Date | null;
  /** Claim decisions older than this are asked again (OIDC prompt=consent). */
  consentNotBefore?: Date | null;
  /**
   * The user the client named (OIDC id_token_hint): their sector subject in
   * the application's sector. Any other account is refused (OIDC Core §3.1.2.1).
   */
  expectedSubject?: string | null;
  /** Runs after the inquiry is marked realized. */
  finish(deps: DeliveryDeps, realized: RealizedInquiry): Promise<Delivered>;
  /**
   * The user declined (Cancel on the consent step): how this flow tells its
   * client, once the inquiry is closed (lib/via/decline.ts). Absent: it is not
   * told — the inquiry simply expires, and the user may still change their mind.
   */
  decline?(deps: DeliveryDeps): Promise<Delivered>;
}

/** Throws Layer3Denied when the application no longer allows any way to deliver. */
export type DeliveryPlanner = (context: ApplicationContext, inquiry: Inquiry) => DeliveryPlan;
