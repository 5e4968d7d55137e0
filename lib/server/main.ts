// The production server (`npm start`): one process, one Next.js application.
// Pages and browser routes go through Next.js; the JSON API surfaces are
// dispatched straight to their route modules (see api-routes.ts).
import http from "node:http";
import path from "node:path";
import next from "next";
import { DatabaseUnreachableError } from "@/db/client";
import { DataDirInUseError } from "@/db/data-dir-lock";
import { ConfigError, getConfig } from "../config";
import { SudomimusError } from "../errors";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, trustedProxyList } from "../http/client-address";
import { allowsCrossOrigin, CROSS_ORIGIN_HEADERS, preflightResponse } from "../http/cors";
import { errorResponse } from "../http/respond";
import { SECURITY_HEADERS } from "../http/security-headers";
import { getDeps } from "../runtime";
import { loadApiRouter } from "./api-routes";
import { withDecodablePath } from "./decodable-path";
import { drainOnShutdown } from "./drain";
import { BodyTooLargeError, sendWebResponse, toWebRequest } from "./node-bridge";

const root = process.cwd();

async function main(): Promise<void> {
  const config = getConfig();
  const app = next({ dev: false, dir: root, port: config.port });
  // Open the database (migrate, seed) before accepting traffic — while Next
  // prepares: embedded PGlite opens on its own thread, so the two overlap.
  const [router, , runtime] = await Promise.all([loadApiRouter(path.join(root, "app")), app.prepare(), getDeps()]);
  const handleWithNext = app.getRequestHandler();
  const origin = `http://127.0.0.1:${config.port}`;
  const trustedProxies = config.trustedProxies.length > 0 ? trustedProxyList(config.trustedProxies) : null;

  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? "/").split("?")[0]!;
    const route = router.match(pathname);
    // Every route, API or page, reads the client's address from one header that only this server sets.
    const client = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
    if (!route) {
      if (client) req.headers[CLIENT_ADDRESS_HEADER] = client;
      else delete req.headers[CLIENT_ADDRESS_HEADER];
      req.url = withDecodablePath(req.url ?? "/");
      void handleWithNext(req, res);
      return;
    }
    void (async () => {
      const crossOrigin = allowsCrossOrigin(route.path);
      let response: Response;
      try {
        const request = await toWebRequest(req, origin, client);
        if (crossOrigin && request.method === "OPTIONS") {
          response = preflightResponse(route.methods);
        } else {
          // HEAD is GET without the body; any other method the route does not export (OPTIONS, TRACE, …) gets
          // the route's own refusal, never its GET handler, which may do work (/oidc/authorize signs in).
          const handler = route.handlers[request.method] ?? (request.method === "HEAD" ? route.handlers.GET : route.refusal);
          response = handler
            ? await handler(request, { params: Promise.resolve(route.params) })
            : errorResponse(new SudomimusError("MethodNotAllowed", { message: "This method is not served here." }));
        }
      } catch (error) {
        response = errorResponse(
          error instanceof BodyTooLargeError ? new SudomimusError("PayloadTooLarge", { message: "The request body is too large." }) : error,
        );
      }
      await sendWebResponse(res, response, crossOrigin ? [...SECURITY_HEADERS, ...CROSS_ORIGIN_HEADERS] : SECURITY_HEADERS);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 65_000;
  const { drain } = drainOnShutdown(server);
  runtime.beforeShutdown(drain);
  server.listen(config.port, () => {
    process.stdout.write(`sudomimus listening on http://localhost:${config.port} (public URL ${config.publicUrl})\n`);
    if (!config.smtpUrl && !config.devMailbox) {
      process.stderr.write("sudomimus: SMTP_URL is not set, so sign-in codes and other mail are not delivered (set SMTP_URL)\n");
    }
  });
}

main().catch((error: unknown) => {
  // An operator's mistake (a bad setting, no database there, data directory taken) reads best as one sentence; anything else keeps its stack.
  const operatorError = error instanceof ConfigError || error instanceof DatabaseUnreachableError || error instanceof DataDirInUseError;
  const text = error instanceof Error ? (operatorError ? error.message : (error.stack ?? error.message)) : String(error);
  process.stderr.write(`sudomimus failed to start: ${text}\n`);
  process.exit(1);
});
