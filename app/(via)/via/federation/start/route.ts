// GET /via/federation/start?exposure-key=…&connector=…[&login-hint=…] — "Sign in with <IdP>" or forced SSO's "Continue with <IdP>": off to the connector's IdP.
import { federationRoute } from "@/lib/federation/federation-route";

export const GET = federationRoute("start");
