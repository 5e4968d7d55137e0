// GET /via/social/start?exposure-key=…&provider=google — "Continue with Google" (or "Sign in with Steam", provider=steam): off to the provider.
import { socialStartRoute } from "@/lib/social/social-route";

export const GET = socialStartRoute();
