// GET /via/oauth/<provider>/callback?code=…&state=… — each consumer provider's redirect URI (enterprise-federation has its own route); Steam's OpenID return_to, ?state=…&openid.…
import { socialCallbackRoute } from "@/lib/social/social-route";

export async function GET(request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> {
  return socialCallbackRoute((await context.params).provider)(request);
}
