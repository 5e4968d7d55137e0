// POST /demo/sign-out — log the demo session out at Connect and forget it.
import { demoRoute } from "@/lib/demo/demo-routes";
import { signOutOfDemo } from "@/lib/demo/demo-relying-party";

export const POST = demoRoute(async (deps, cookies) => ({ cookies: [await signOutOfDemo(deps, cookies)] }));
