// GET /via/errand/steam?key=ernd_… — off to Steam's OpenID sign-in for this errand (docs 06 STEAM_OPENID, 31).
import { errandSteamRoute } from "@/lib/errand/errand-steam";

export const GET = errandSteamRoute("start");
