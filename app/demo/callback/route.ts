// GET /demo/callback?exposure-key=…&confirmation-key=… — redeem the three keys.
import { demoRoute } from "@/lib/demo/demo-routes";
import { finishDemoLogin } from "@/lib/demo/demo-relying-party";

export const GET = demoRoute(async (deps, cookies, request) => ({ cookies: await finishDemoLogin(deps, cookies, new URL(request.url).searchParams) }));
