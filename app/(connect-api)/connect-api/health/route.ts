// GET /connect-api/health — liveness probe (spec: HealthResponse).
import { healthResponse } from "@/lib/health";
import { jsonRoute, otherMethods } from "@/lib/http/route";

export const GET = jsonRoute((_request, deps) => healthResponse(deps, "connect-api"));
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
