// The PGlite worker's entry point, in plain JavaScript: a worker thread does
// not inherit the TypeScript loader of the thread that starts it (on Node 20
// `--import tsx` in its execArgv is not enough), so it registers its own
// before loading db/pglite-worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./pglite-worker.ts");
