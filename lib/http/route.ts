// The one wrapper every JSON route handler uses: it obtains the server's
// dependencies, runs the handler, and turns any failure into the surface's
// error shape — a SudomimusError becomes its reason and status, anything
// unexpected a logged 500 without internals.
import { getDeps, type Runtime } from "../runtime";
import { SudomimusError } from "../errors";
import { errorResponse, json } from "./respond";

export type Handler = (request: Request, deps: Runtime) => Promise<Response>;
export type ErrorMapper = (error: unknown, deps: Runtime | undefined) => Response;

export function jsonRoute(handler: Handler, mapError: ErrorMapper = (error, deps) => errorResponse(error, deps?.log)) {
  return async (request: Request): Promise<Response> => {
    let deps: Runtime | undefined;
    try {
      deps = await getDeps();
    } catch (error) {
      process.stderr.write(`sudomimus: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
      return json({ reason: "ServiceUnavailable" }, 503);
    }
    try {
      return await handler(request, deps);
    } catch (error) {
      return mapError(error, deps);
    }
  };
}

// Marks the handlers that only refuse (the 405s below, the catch-all 404), so
// the API fast path can tell the methods a route serves from those it refuses,
// and answer a method no route exports (OPTIONS, TRACE, …) with the route's own
// refusal instead of running its GET handler.
const REFUSAL = Symbol.for("sudomimus.http.refusal");

function refusal<T extends () => Promise<Response>>(handler: T): T {
  return Object.assign(handler, { [REFUSAL]: true });
}

export const isRefusal = (handler: unknown): boolean => typeof handler === "function" && REFUSAL in handler;

/** JSON 405 answers for the methods a route does not serve (Next's default has no body). */
export function otherMethods(allowed: string[]) {
  const answer = refusal(async () =>
    errorResponse(
      new SudomimusError("MethodNotAllowed", {
        message: `Use ${allowed.join(" or ")}.`,
        headers: { allow: allowed.join(", ") },
      }),
    ),
  );
  const all = { GET: answer, POST: answer, PUT: answer, PATCH: answer, DELETE: answer };
  for (const method of allowed) delete all[method as keyof typeof all];
  return all;
}

/** JSON 404 for any path under an API prefix that no route serves. */
export const notFoundRoute = refusal(async () => errorResponse(new SudomimusError("NotFound", { message: "No such endpoint." })));
