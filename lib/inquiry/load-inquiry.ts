// Finding an inquiry by the keys a caller presents. Lookups go by the keyed
// hash of the exposure key; the other keys are compared in constant time.
// Every mismatch is the same InquiryNotFound: nothing says which key was wrong.
import { findInquiryByExposureHash, type InquiryRow } from "@/db/queries/inquiries";
import { secretMatches } from "../crypto/secret-hash";
import { SudomimusError } from "../errors";
import type { AuthenticationConstraint, RealizeConstraint, ReturnMethodDeclaration } from "../rules";
import type { Deps } from "../runtime";
import { hashExposureKey } from "./keys";

export interface Inquiry {
  row: InquiryRow;
  /** The raw exposure key when the caller presented it (needed to build the CALLBACK URL). */
  exposureKey: string | null;
  authenticationConstraints: AuthenticationConstraint[] | undefined;
  realizeConstraints: RealizeConstraint[] | undefined;
  returnMethods: ReturnMethodDeclaration[] | undefined;
}

export function toInquiry(row: InquiryRow, exposureKey: string | null = null): Inquiry {
  // Stored exactly as validated at /establish.
  return {
    row,
    exposureKey,
    authenticationConstraints: (row.authenticationConstraints as AuthenticationConstraint[] | null) ?? undefined,
    realizeConstraints: (row.realizeConstraints as RealizeConstraint[] | null) ?? undefined,
    returnMethods: (row.returnMethods as ReturnMethodDeclaration[] | null) ?? undefined,
  };
}

export const inquiryNotFound = () =>
  new SudomimusError("InquiryNotFound", { message: "No inquiry matches these keys." });

export async function findInquiryByExposureKey(deps: Pick<Deps, "db" | "keyring">, exposureKey: string): Promise<Inquiry | null> {
  const row = await findInquiryByExposureHash(deps.db, hashExposureKey(deps.keyring, exposureKey));
  return row ? toInquiry(row, exposureKey) : null;
}

export async function findInquiryByKeyPair(deps: Pick<Deps, "db" | "keyring">, exposureKey: string, hiddenKey: string): Promise<Inquiry> {
  const inquiry = await findInquiryByExposureKey(deps, exposureKey);
  if (!inquiry || !secretMatches(deps.keyring, "inquiry.hidden", hiddenKey, inquiry.row.hiddenKeyHash)) throw inquiryNotFound();
  return inquiry;
}

export function isExpired(row: Pick<InquiryRow, "expiresAt">, now: Date): boolean {
  return row.expiresAt.getTime() <= now.getTime();
}
