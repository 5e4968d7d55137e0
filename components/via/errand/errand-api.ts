// The errand page's calls to via's JSON endpoints (same-origin, cookies),
// each answering a result value, never a throw.
import type { ErrandView } from "@/lib/errand/errand-view";
import { callVia } from "../via-api";

export type ErrandPurpose = "sign-in" | "add-email";

export const errandApi = {
  startEmail: (errandKey: string, purpose: ErrandPurpose, email: string) => callVia<{ challengeId: string }>("errand/email/start", { errandKey, purpose, email }),
  verifyEmail: (errandKey: string, challengeId: string, code: string) => callVia<ErrandView>("errand/email/verify", { errandKey, challengeId, code }),
  complete: (errandKey: string, decisions: Partial<Record<"email" | "firstName" | "lastName", boolean>>, profile?: { firstName?: string; lastName?: string }) =>
    callVia<ErrandView>("errand/complete", { errandKey, decisions, ...(profile ? { profile } : {}) }),
  signOut: () => callVia<{ signedOut: boolean }>("sign-out", {}),
};
