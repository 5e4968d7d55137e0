// The envelope of the developer surface's server actions (organizations,
// sectors, applications): resolve the signed-in caller on the server, run the
// lib call — which checks the role itself — and turn an expected refusal into
// a message key the client translates (`withDeveloper.errors.<key>`), with the
// form field it belongs to. Never a 500 for something the user can fix.
import { isSudomimusError } from "@/lib/errors";
import { portalActionContext, type PortalContext } from "@/lib/portal/portal-context";

export type ActionFailure = { ok: false; error: string; field?: string };
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

const REASON_KEYS: Record<string, string> = {
  NotFound: "notFound",
  ApplicationNotFound: "notFound",
  Forbidden: "roleTooLow",
  ApplicationAnchorTaken: "anchorTaken",
  Conflict: "conflict",
};

export async function developerAction<T extends object>(run: (ctx: PortalContext) => Promise<T>): Promise<ActionResult<T>> {
  const ctx = await portalActionContext();
  if (!ctx) return { ok: false, error: "signedOut" };
  try {
    return { ok: true, ...(await run(ctx)) };
  } catch (error) {
    if (isSudomimusError(error)) {
      const code = typeof error.body?.code === "string" ? error.body.code : (REASON_KEYS[error.reason] ?? (error.reason.startsWith("Invalid ") ? "invalid" : null));
      if (code) {
        const field = typeof error.body?.field === "string" ? error.body.field : error.reason === "ApplicationAnchorTaken" ? "anchor" : undefined;
        return field ? { ok: false, error: code, field } : { ok: false, error: code };
      }
    }
    ctx.deps.log.error("developer action failed", { error: error instanceof Error ? error.message : String(error) });
    return { ok: false, error: "unexpected" };
  }
}

/** A form field as a string ("" when absent or not text). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
