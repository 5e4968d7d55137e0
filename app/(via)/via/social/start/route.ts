// GET /via/social/start?exposure-key=…&provider=google — "Continue with Google": off to the provider.
import { socialStartRoute } from "@/lib/social/social-route";

export const GET = socialStartRoute();
