// The JSON API surfaces are served straight from their route modules,
// bypassing Next.js's router: they are plain (Request) => Response functions
// that need nothing from the framework, and on the hot paths (establish,
// redeem, refresh) the router's per-request cost was larger than the work.
// The route files under app/ stay the one definition of every endpoint; this
// table is built from them at start-up, with Next's segment rules
// (`(group)` ignored, `[name]` one segment, `[...name]` the rest).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isRefusal } from "../http/route";

export const FAST_PATH_PREFIXES = ["/connect-api", "/device-api", "/native-api", "/oidc"] as const;

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

interface ApiRoute {
  segments: string[];
  handlers: Partial<Record<string, Handler>>;
  /** The methods the route serves (not those it exports only to refuse). */
  methods: string[];
  /** The route's answer to a method it does not serve, if it exports one. */
  refusal: Handler | undefined;
}

export interface MatchedRoute extends Pick<ApiRoute, "handlers" | "methods" | "refusal"> {
  /** The route's path as its folders spell it, e.g. "/oidc/token". */
  path: string;
  params: Record<string, string | string[]>;
}

export interface ApiRouter {
  match(pathname: string): MatchedRoute | null;
}

function routeFiles(dir: string, urlSegments: string[], found: { file: string; segments: string[] }[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const isGroup = entry.name.startsWith("(") && entry.name.endsWith(")");
      routeFiles(full, isGroup ? urlSegments : [...urlSegments, entry.name], found);
    } else if (entry.name === "route.ts") {
      found.push({ file: full, segments: urlSegments });
    }
  }
}

function specificity(route: ApiRoute): number[] {
  // Static segments beat [param], which beats [...catchAll]; longer beats shorter.
  return route.segments.map((segment) => (segment.startsWith("[...") ? 0 : segment.startsWith("[") ? 1 : 2));
}

export async function loadApiRouter(appDir: string): Promise<ApiRouter> {
  const found: { file: string; segments: string[] }[] = [];
  routeFiles(appDir, [], found);
  const routes: ApiRoute[] = [];
  for (const { file, segments } of found) {
    if (!FAST_PATH_PREFIXES.some((prefix) => `/${segments.join("/")}`.startsWith(prefix))) continue;
    const handlers = (await import(pathToFileURL(file).href)) as Partial<Record<string, Handler>>;
    routes.push({
      segments,
      handlers,
      methods: HTTP_METHODS.filter((method) => handlers[method] && !isRefusal(handlers[method])),
      refusal: Object.values(handlers).find(isRefusal),
    });
  }
  routes.sort((a, b) => {
    const [sa, sb] = [specificity(a), specificity(b)];
    for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
      const diff = (sb[i] ?? -1) - (sa[i] ?? -1);
      if (diff !== 0) return diff;
    }
    return 0;
  });
  return {
    match(pathname) {
      const parts = pathname.split("/").filter(Boolean).map((part) => {
        try {
          return decodeURIComponent(part);
        } catch {
          return part;
        }
      });
      for (const route of routes) {
        const params: Record<string, string | string[]> = {};
        let matched = true;
        for (let i = 0; i < route.segments.length; i++) {
          const segment = route.segments[i]!;
          if (segment.startsWith("[...")) {
            const rest = parts.slice(i);
            if (rest.length === 0) matched = false;
            else params[segment.slice(4, -1)] = rest;
            break;
          }
          const part = parts[i];
          if (part === undefined) matched = false;
          else if (segment.startsWith("[")) params[segment.slice(1, -1)] = part;
          else if (segment !== part) matched = false;
          if (!matched) break;
          if (i === route.segments.length - 1 && parts.length !== route.segments.length) matched = false;
        }
        if (matched) return { handlers: route.handlers, methods: route.methods, refusal: route.refusal, path: `/${route.segments.join("/")}`, params };
      }
      return null;
    },
  };
}
