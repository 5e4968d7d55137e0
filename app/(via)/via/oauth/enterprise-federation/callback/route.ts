// GET /via/oauth/enterprise-federation/callback?code=…&state=… — the one redirect URI every connector's IdP returns to (docs 23).
import { federationRoute } from "@/lib/federation/federation-route";

export const GET = federationRoute("callback");
