// POST /demo/introspect — ask Connect whether the demo session is still alive.
import { demoRoute } from "@/lib/demo/demo-routes";
import { introspectDemoSession } from "@/lib/demo/demo-relying-party";

export const POST = demoRoute(async (deps, cookies) => {
  const status = await introspectDemoSession(deps, cookies);
  const location = new URL("/demo", deps.config.publicUrl);
  if (status) location.searchParams.set("session", status);
  return { location: location.toString(), cookies: [] };
});
