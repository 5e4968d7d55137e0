// POST /native-api/direct-issue/steam-ticket — a Steam Web API ticket for tokens (docs 32; native.yaml `directIssueSteamTicket`).
import { readJson } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { jsonRoute, otherMethods } from "@/lib/http/route";
import { directIssueSteamTicket, steamTicketBodySchema } from "@/lib/native/steam-ticket";

export const POST = jsonRoute(async (request, deps) => {
  const { body } = await readJson(request, steamTicketBodySchema);
  return json(await directIssueSteamTicket(deps, body));
});
export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
