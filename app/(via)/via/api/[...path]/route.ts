// Any other path under /via/api answers a JSON 404.
import { notFoundRoute } from "@/lib/http/route";

export { notFoundRoute as GET, notFoundRoute as POST, notFoundRoute as PUT, notFoundRoute as PATCH, notFoundRoute as DELETE };
