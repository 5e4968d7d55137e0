// The envelope of every server action on an application's configuration
// tabs: resolve the signed-in caller (or refuse), run the mutation, and turn
// an authorization failure into a translatable error instead of a 500.
import { isSudomimusError } from "@/lib/errors";
import { portalActionContext, type PortalContext } from "@/lib/portal/portal-context";

export type ActionRefusal = { ok: false; error: "signedOut" | "forbidden" | "notFound" | "retired" | "failed" };

export async function runApplicationAction<T>(action: (ctx: PortalContext) => Promise<T>): Promise<T | ActionRefusal> {
  const ctx = await portalActionContext();
  if (!ctx) return { ok: false, error: "signedOut" };
  try {
    return await action(ctx);
  } catch (error) {
    if (isSudomimusError(error, "Forbidden")) return { ok: false, error: /retired/i.test(error.message) ? "retired" : "forbidden" };
    if (isSudomimusError(error, "ApplicationNotFound") || isSudomimusError(error, "NotFound")) return { ok: false, error: "notFound" };
    ctx.deps.log.error("application configuration action failed", { error: error instanceof Error ? error.message : String(error) });
    return { ok: false, error: "failed" };
  }
}
