// POST /demo/refresh — rotate the demo session's refresh token.
import { demoRoute } from "@/lib/demo/demo-routes";
import { refreshDemoSession } from "@/lib/demo/demo-relying-party";

export const POST = demoRoute(async (deps, cookies) => ({ cookies: [await refreshDemoSession(deps, cookies)] }));
