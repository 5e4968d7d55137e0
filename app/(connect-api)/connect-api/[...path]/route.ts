// Any other path under /connect-api answers a JSON 404, never an HTML page.
import { notFoundRoute } from "@/lib/http/route";

export { notFoundRoute as GET, notFoundRoute as POST, notFoundRoute as PUT, notFoundRoute as PATCH, notFoundRoute as DELETE };
