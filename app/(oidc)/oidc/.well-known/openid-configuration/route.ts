// GET /oidc/.well-known/openid-configuration — the discovery document (docs 33; OIDC Discovery §4).
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { discoveryDocument } from "@/lib/oidc/discovery";

export const GET = jsonRoute(async (_request, deps) => json(discoveryDocument(deps.config), 200, { "cache-control": "public, max-age=300" }));
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
