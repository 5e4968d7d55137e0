// Any other path under /with/api answers a JSON 404, not the portal's HTML page.
import { notFoundRoute } from "@/lib/http/route";

export { notFoundRoute as GET, notFoundRoute as POST, notFoundRoute as PUT, notFoundRoute as PATCH, notFoundRoute as DELETE };
