// GET /with/api/applications/{anchor} — one application of the signed-in account's organizations (state, public keys, claim policy, rules), for the Sudomimus CLI (docs 02–03).
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { application } from "@/lib/portal/with-api";

type Params = { params: Promise<{ anchor: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { anchor } = await params;
  return jsonRoute(async (req, deps) => json(await application(deps, req.headers.get("authorization"), anchor)))(request);
}
export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
