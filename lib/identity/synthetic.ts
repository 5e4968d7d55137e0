// SYNTHETIC claim placeholders: stable per (application, live sector
// subject), derived with a server key so they reveal nothing and never
// correlate across apps. Keyed on the subject, not the account: rotating the
// subject makes the application see a brand-new user (docs 14), and a
// placeholder that outlived the rotation would link the old user to the new.
import crypto from "node:crypto";
import type { Keyring } from "../crypto/keyring";

const GIVEN = ["Alex", "Robin", "Sam", "Jordan", "Casey", "Riley", "Avery", "Quinn", "Morgan", "Taylor", "Jamie", "Reese", "Rowan", "Sky", "Ellis", "Noa"];
const FAMILY = ["Falcon", "Heron", "Otter", "Marten", "Wren", "Lynx", "Raven", "Crane", "Badger", "Puffin", "Egret", "Stoat", "Ibis", "Beaver", "Moose", "Gecko"];

export interface SyntheticIdentity {
  firstName: string;
  lastName: string;
  email: string;
}

export function syntheticIdentity(keyring: Keyring, applicationId: string, sectorSubject: string, proxyDomain: string): SyntheticIdentity {
  const digest = crypto.createHmac("sha256", keyring.signingKey).update(`synthetic:${applicationId}:${sectorSubject}`).digest();
  const local = digest.subarray(2, 14).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "x");
  return {
    firstName: GIVEN[digest[0]! % GIVEN.length]!,
    lastName: FAMILY[digest[1]! % FAMILY.length]!,
    email: `${local}@${proxyDomain}`,
  };
}
