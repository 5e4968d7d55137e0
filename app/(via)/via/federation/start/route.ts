// GET /via/federation/start?exposure-key=…&connector=… — the "Sign in with <IdP>" button: off to the connector's IdP.
import { federationRoute } from "@/lib/federation/federation-route";

export const GET = federationRoute("start");
