// GET /with/api/organizations — the signed-in account's organizations with their sectors and applications, for the Sudomimus CLI (docs 02–03).
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { organizations } from "@/lib/portal/with-api";

export const GET = jsonRoute(async (request, deps) => json(await organizations(deps, request.headers.get("authorization"))));
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
