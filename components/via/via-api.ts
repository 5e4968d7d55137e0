// The sign-in pages' calls to via's JSON endpoints. Every answer becomes a
// result value (never a throw), so each step decides how to show a failure.
// Same-origin fetch: the endpoints set and refresh via's cookies.
import type { EmailReason } from "@/lib/via/email-reason";
import type { Declined } from "@/lib/via/decline";
import type { ViaOutcome } from "@/lib/via/outcome";

export interface ViaError {
  /** The wire reason, or a client-side one: NetworkError, PasskeyCancelled, PasskeyUnavailable, PasskeyExists. */
  reason: string;
  message?: string;
  livesRemaining?: number;
  retryAfterSeconds?: number;
}

export type ViaResult<T> = { ok: true; data: T } | { ok: false; error: ViaError };

function asError(payload: unknown): ViaError {
  if (typeof payload !== "object" || payload === null) return { reason: "InternalError" };
  const record = payload as Record<string, unknown>;
  return {
    reason: typeof record.reason === "string" ? record.reason : "InternalError",
    ...(typeof record.message === "string" ? { message: record.message } : {}),
    ...(typeof record.livesRemaining === "number" ? { livesRemaining: record.livesRemaining } : {}),
    ...(typeof record.retryAfterSeconds === "number" ? { retryAfterSeconds: record.retryAfterSeconds } : {}),
  };
}

export async function callVia<T>(path: string, body: unknown): Promise<ViaResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/via/api/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { ok: false, error: { reason: "NetworkError" } };
  }
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok && payload !== null) return { ok: true, data: payload as T };
  return { ok: false, error: asError(payload) };
}

export type VerifiedOutcome = ViaOutcome & { registered: boolean };

export const viaApi = {
  reasonEmail: (exposureKey: string, email: string) => callVia<EmailReason>("reason/email", { exposureKey, email }),
  startEmail: (exposureKey: string, email: string) => callVia<{ challengeId: string }>("email/start", { exposureKey, email }),
  verifyEmail: (exposureKey: string, challengeId: string, code: string) => callVia<VerifiedOutcome>("email/verify", { exposureKey, challengeId, code }),
  continueSignedIn: (exposureKey: string) => callVia<ViaOutcome>("continue", { exposureKey }),
  signOut: () => callVia<{ signedOut: boolean }>("sign-out", {}),
  decline: (exposureKey: string) => callVia<Declined>("decline", { exposureKey }),
  consent: (
    exposureKey: string,
    decisions: Partial<Record<"email" | "firstName" | "lastName", boolean>>,
    profile?: { firstName?: string; lastName?: string },
  ) => callVia<ViaOutcome>("consent", { exposureKey, decisions, ...(profile ? { profile } : {}) }),
};
