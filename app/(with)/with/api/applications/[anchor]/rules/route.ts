// PUT /with/api/applications/{anchor}/rules — replaces an application's three rule layers with rules in the docs' shape (ADMIN+), for the Sudomimus CLI's set-rules (docs 02–03).
import { z } from "zod";
import { MAX_RULES_FILE_BYTES } from "@/lib/applications/rules-file";
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { setApplicationRules } from "@/lib/portal/with-api";

type Params = { params: Promise<{ anchor: string }> };

export async function PUT(request: Request, { params }: Params): Promise<Response> {
  const { anchor } = await params;
  return jsonRoute(async (req, deps) => {
    // The rules engine names what is wrong inside; here only that it is an object at all.
    const readRules = async () => (await readJson(req, z.record(z.string(), z.unknown()), MAX_RULES_FILE_BYTES)).body;
    return json(await setApplicationRules(deps, req.headers.get("authorization"), anchor, readRules));
  })(request);
}
export const { GET, POST, PATCH, DELETE } = otherMethods(["PUT"]);
