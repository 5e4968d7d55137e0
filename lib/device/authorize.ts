// POST /device-api/device-authorize (docs 19–20; device.yaml `deviceAuthorize`):
// a public client starts a device session. No client-auth JWT: the gate is
// the application's enabled Layer 3 DEVICE_CODE rule. The session and its
// DEVICE inquiry (which the approval page signs the user in to) are created
// in one statement; the device code goes to the client only, as a hash here.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { insertDeviceSessionWithInquiry } from "@/db/queries/device-sessions";
import { loadApplicationContextByAnchor } from "../applications/application-context";
import { anchorSchema } from "../applications/anchor";
import { addSeconds } from "../clock";
import { newKey } from "../crypto/random-key";
import { fail } from "../errors";
import { randomFromAlphabet } from "../identity/identifiers";
import { hashExposureKey, hashHiddenKey } from "../inquiry/keys";
import { INQUIRY_LIVES } from "../inquiry/lifetimes";
import { enforceRateLimit, type RateLimit } from "../rate-limit";
import { returnMethodAllowed } from "../rules";
import type { Deps } from "../runtime";
import { deviceExposureKey, hashDeviceCode } from "./keys";
import { formatUserCode, USER_CODE_ALPHABET, USER_CODE_LENGTH } from "./user-code";

export const deviceAuthorizeBodySchema = z.strictObject({ applicationAnchor: anchorSchema });

export interface DeviceAuthorizeResult {
  applicationAnchor: string;
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresIn: number;
  interval: number;
}

/**
 * One client address starting sign-ins for one application: a person retrying
 * a CLI needs a handful a minute. The per-application ceiling bounds what many
 * addresses together can pile up in the table.
 */
export const AUTHORIZE_PER_CLIENT: RateLimit = { limit: 30, windowSeconds: 60 };
export const AUTHORIZE_PER_APPLICATION: RateLimit = { limit: 600, windowSeconds: 60 };

/** Draws of a user code before giving up; one collision among ~10^12 codes is already rare. */
const USER_CODE_ATTEMPTS = 5;

export async function deviceAuthorize(
  deps: Pick<Deps, "db" | "keyring" | "clock" | "config">,
  input: z.output<typeof deviceAuthorizeBodySchema>,
  client: { address: string },
): Promise<DeviceAuthorizeResult> {
  const context = await loadApplicationContextByAnchor(deps.db, input.applicationAnchor);
  if (!context) fail("ApplicationNotFound", { message: "No application has this anchor." });
  const { application } = context;
  await enforceRateLimit(deps, `device-authorize:${application.id}:${client.address}`, AUTHORIZE_PER_CLIENT);
  await enforceRateLimit(deps, `device-authorize:${application.id}`, AUTHORIZE_PER_APPLICATION);
  if (!application.enabled) fail("ApplicationDisabled", { message: "This application is disabled." });
  if (!returnMethodAllowed(context.rules.return, undefined, "DEVICE_CODE")) {
    fail("Layer3Denied", { message: "The application has no enabled DEVICE_CODE return rule." });
  }

  const { codeTtlSeconds, pollIntervalSeconds } = deps.config.device;
  const now = deps.clock.now();
  const expiresAt = addSeconds(now, codeTtlSeconds);
  for (let attempt = 0; attempt < USER_CODE_ATTEMPTS; attempt++) {
    const id = randomUUID();
    const deviceCode = newKey("device");
    const userCode = formatUserCode(randomFromAlphabet(USER_CODE_ALPHABET, USER_CODE_LENGTH));
    const created = await insertDeviceSessionWithInquiry(
      deps.db,
      {
        id,
        applicationId: application.id,
        deviceCodeHash: hashDeviceCode(deps.keyring, deviceCode),
        userCode,
        intervalSeconds: pollIntervalSeconds,
        expiresAt,
        createdAt: now,
      },
      {
        exposureKeyHash: hashExposureKey(deps.keyring, deviceExposureKey(deps.keyring, id)),
        // Nobody holds a hidden key: a DEVICE inquiry is never status-polled or redeemed.
        hiddenKeyHash: hashHiddenKey(deps.keyring, newKey("hidden")),
        livesRemaining: INQUIRY_LIVES,
        statusPollsRemaining: 0,
        context: { deviceSessionId: id },
      },
    );
    if (!created) continue;
    const verificationUri = `${deps.config.publicUrl}/via/device`;
    return {
      applicationAnchor: application.anchor,
      deviceCode,
      userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${encodeURIComponent(userCode)}`,
      expiresIn: codeTtlSeconds,
      interval: pollIntervalSeconds,
    };
  }
  fail("ServiceUnavailable", { message: "Could not allocate a user code; try again." });
}
