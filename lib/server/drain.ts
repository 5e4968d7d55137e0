// Stopping the HTTP server without cutting requests short. On shutdown it
// stops accepting connections, tells keep-alive clients to go elsewhere, and
// lets the requests it is serving finish before the database closes behind
// them: a redeem whose write has committed still hands over its tokens, and a
// load balancer's next request goes to another instance. What has not
// finished after HTTP_DRAIN_TIMEOUT_MS is cut off (a container runtime's
// grace period is typically 10 s before it kills the process).
import type http from "node:http";
import { setTimeout as delay } from "node:timers/promises";

export const HTTP_DRAIN_TIMEOUT_MS = 8_000;

export function drainOnShutdown(server: http.Server): { drain(): Promise<void> } {
  const serving = new Set<http.ServerResponse>();
  let draining = false;
  let drained: (() => void) | undefined;
  server.on("request", (_request: http.IncomingMessage, response: http.ServerResponse) => {
    serving.add(response);
    // Once draining, every answer closes its connection: no request follows on it.
    if (draining) response.shouldKeepAlive = false;
    response.once("close", () => {
      serving.delete(response);
      if (serving.size === 0) drained?.();
    });
  });
  return {
    async drain() {
      draining = true;
      server.close();
      server.closeIdleConnections();
      for (const response of serving) if (!response.headersSent) response.shouldKeepAlive = false;
      if (serving.size > 0) {
        const done = new Promise<void>((resolve) => (drained = resolve));
        const timeout = new AbortController();
        await Promise.race([done, delay(HTTP_DRAIN_TIMEOUT_MS, undefined, { signal: timeout.signal }).catch(() => undefined)]);
        timeout.abort();
      }
      server.closeAllConnections();
    },
  };
}
