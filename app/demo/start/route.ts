// POST /demo/start — the demo relying party establishes an inquiry and sends the browser to via.
import { demoRoute } from "@/lib/demo/demo-routes";
import { startDemoLogin } from "@/lib/demo/demo-relying-party";

export const POST = demoRoute(async (deps) => {
  const { location, cookie } = await startDemoLogin(deps);
  return { location, cookies: [cookie] };
});
