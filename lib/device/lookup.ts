// via's device page, step one (docs 19 §2): the user types — or confirms the
// prefilled — code their device shows. The code names a live device session;
// what the browser gets back is what the ordinary sign-in card needs for the
// session's DEVICE inquiry (its exposure key, never the device code). Wrong
// codes are limited per browser binding and per network address (RFC 8628
// §5.1: user codes are short enough to guess): a limited browser cannot keep
// guessing, not even right.
import { z } from "zod";
import type { InquiryRow } from "@/db/queries/inquiries";
import { findLiveDeviceSessionByUserCode } from "@/db/queries/device-sessions";
import { loadApplicationContextById } from "../applications/application-context";
import type { ClaimPolicy } from "../applications/claim-policy";
import { localizedName } from "../applications/info";
import { fail, invalid } from "../errors";
import { findInquiryByExposureKey } from "../inquiry/load-inquiry";
import { assertUnderRateLimit, enforceRateLimit, type RateLimit } from "../rate-limit";
import { returnMethodAllowed } from "../rules";
import type { Deps } from "../runtime";
import type { Browser } from "../via/browser";
import { currentBrowserSession } from "../via/browser-session";
import { loadSignInPage, offeredMethods, type OfferedMethods, type SignedIn } from "../via/sign-in-page";
import { deviceExposureKey } from "./keys";
import { normalizeUserCode } from "./user-code";

export const lookupBodySchema = z.strictObject({ userCode: z.string().max(64) });

/** Codes that match nothing, per browser binding. */
export const WRONG_CODES_PER_BROWSER: RateLimit = { limit: 10, windowSeconds: 15 * 60 };
/**
 * Codes that match nothing, per network address. A client that sends no
 * cookie is a new browser each time, so the binding alone would let a script
 * guess without end; generous, as an office behind one NAT shares the address.
 */
export const WRONG_CODES_PER_CLIENT: RateLimit = { limit: 100, windowSeconds: 15 * 60 };

export type DeviceLookup =
  | {
      /** Sign in (or continue as the signed-in account) to the DEVICE inquiry. */
      step: "sign-in";
      userCode: string;
      exposureKey: string;
      application: string;
      methods: OfferedMethods;
      signedIn: SignedIn | null;
      requirements: ClaimPolicy;
    }
  | {
      /** This browser already signed in for the code (the page was reloaded): approve or deny. */
      step: "decide";
      userCode: string;
      exposureKey: string;
      application: string;
    };

type LookupDeps = Pick<Deps, "db" | "keyring" | "clock" | "config">;

export async function lookupUserCode(deps: LookupDeps, browser: Browser, input: z.output<typeof lookupBodySchema>): Promise<DeviceLookup> {
  const userCode = normalizeUserCode(input.userCode);
  if (!userCode) throw invalid("userCode", "A code has eight letters and digits, like WDJB-MJHT.");
  const limits = wrongCodeLimits(browser);
  for (const [key, rule] of limits) await assertUnderRateLimit(deps, key, rule);
  const session = await findLiveDeviceSessionByUserCode(deps.db, userCode);
  if (!session) {
    for (const [key, rule] of limits) await enforceRateLimit(deps, key, rule);
    fail("UserCodeNotFound", { message: "No device is waiting for this code." });
  }
  if (session.expiresAt.getTime() <= deps.clock.now().getTime()) fail("UserCodeExpired", { message: "This code has expired." });
  if (session.state !== "PENDING") fail("UserCodeUsed", { message: "This code has already been used." });

  const exposureKey = deviceExposureKey(deps.keyring, session.id);
  const [inquiry, context] = await Promise.all([
    findInquiryByExposureKey(deps, exposureKey),
    loadApplicationContextById(deps.db, session.applicationId),
  ]);
  if (!inquiry || !context) fail("UserCodeNotFound", { message: "No device is waiting for this code." });
  if (!context.application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });
  if (!returnMethodAllowed(context.rules.return, undefined, "DEVICE_CODE")) {
    fail("Layer3Denied", { message: "The application no longer allows device sign-in." });
  }
  const application = localizedName(context.application.names, context.application.defaultLocale, browser.locale);

  if (inquiry.row.state === "REALIZED") {
    // Someone signed in for this code already; only that browser may go on to decide.
    const signedIn = await currentBrowserSession(deps, browser);
    if (signedIn && realizedBy(inquiry.row, signedIn)) return { step: "decide", userCode, exposureKey, application };
    fail("UserCodeUsed", { message: "This code is being used in another browser." });
  }
  if (inquiry.row.state === "DEAD") fail("UserCodeExpired", { message: "Too many failed sign-in attempts ended this request." });
  if (inquiry.row.state !== "PENDING") fail("UserCodeUsed", { message: "This code has already been used." });

  const page = await loadSignInPage(deps, browser, exposureKey);
  if (page.state === "disabled") fail("ApplicationDisabled", { message: "This application is disabled." });
  if (page.state !== "pending") fail("UserCodeExpired", { message: "This code has expired." });
  return {
    step: "sign-in",
    userCode,
    exposureKey,
    application: page.application.name,
    methods: offeredMethods(page),
    signedIn: page.signedIn,
    requirements: page.claimPolicy,
  };
}

/** The limits a wrong code counts against: the browser's binding, and its network address when known. */
function wrongCodeLimits(browser: Browser): [key: string, rule: RateLimit][] {
  const limits: [string, RateLimit][] = [[`device-user-code:${browser.binding}`, WRONG_CODES_PER_BROWSER]];
  if (browser.address) limits.push([`device-user-code:client:${browser.address}`, WRONG_CODES_PER_CLIENT]);
  return limits;
}

/**
 * The browser session that realized a DEVICE inquiry: realize copies the
 * session's account and sign-in time onto the inquiry, and a sign-in in
 * another browser is another session with its own time.
 */
export function realizedBy(
  row: Pick<InquiryRow, "accountId" | "authTime">,
  session: { accountId: string; authTime: Date },
): boolean {
  return row.accountId === session.accountId && row.authTime !== null && row.authTime.getTime() === session.authTime.getTime();
}
