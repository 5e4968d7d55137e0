// Where an admin command ran, for the human summary.
export type Route =
  | { kind: "postgres"; database: string }
  | { kind: "pglite"; dataDir: string }
  | { kind: "server"; dataDir: string; pid: number };

export function describeRoute(route: Route): string {
  switch (route.kind) {
    case "postgres":
      return `PostgreSQL ${route.database}`;
    case "pglite":
      return `PGlite in ${route.dataDir}, opened directly`;
    case "server":
      return `PGlite in ${route.dataDir}, through the running server (process ${route.pid})`;
  }
}
