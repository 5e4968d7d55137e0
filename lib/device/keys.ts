// The secrets of a device session. The device code is a bearer secret held
// only by the polling client: stored as its keyed hash, never shown to a
// browser. The DEVICE inquiry's exposure key is *derived* from the session
// id under a server key (like the confirmation key, lib/inquiry/keys.ts), so
// the approval page can hand it to the sign-in card after the user typed the
// code, while the database alone cannot produce it.
import crypto from "node:crypto";
import type { Keyring } from "../crypto/keyring";
import { secretHash } from "../crypto/secret-hash";

export const hashDeviceCode = (keyring: Keyring, deviceCode: string) => secretHash(keyring, "device.code", deviceCode);

export function deviceExposureKey(keyring: Keyring, deviceSessionId: string): string {
  const mac = crypto.createHmac("sha256", keyring.signingKey).update(`device.exposure:${deviceSessionId}`).digest("hex");
  return `exp_${mac.slice(0, 32)}`;
}
