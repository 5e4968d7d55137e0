// GET /oidc/.well-known/jwks.json — the ID-token keys: active and recently retired (docs 16, 33).
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { publishedJwks } from "@/lib/oidc/signing-keys";

// Short caching: relying parties pick up a rotation within a minute, and refetch on an unknown kid anyway.
export const GET = jsonRoute(async (_request, deps) => json(await publishedJwks(deps), 200, { "cache-control": "public, max-age=60" }));
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
