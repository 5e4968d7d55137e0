// GET /via/errand/steam/return?state=…&openid.* — back from Steam: verify, sign in as the errand's account, back to the errand.
import { errandSteamRoute } from "@/lib/errand/errand-steam";

export const GET = errandSteamRoute("return");
