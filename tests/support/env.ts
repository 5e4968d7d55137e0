// What the test runner (tests/run.ts) tells each test process.
export const testEnv = {
  /** The server under test, e.g. http://localhost:41234 */
  baseUrl: process.env.TEST_BASE_URL ?? "",
  /** "pglite" or "postgres": the database the server (and lib-level tests) use. */
  dbKind: (process.env.TEST_DB_KIND ?? "pglite") as "pglite" | "postgres",
  /** HTTP inbox of the SMTP fixture. */
  inboxUrl: process.env.TEST_INBOX_URL ?? "",
  /** HTTP control of the DNS fixture the server resolves through (tests/fixtures/dns-server.ts). */
  dnsControlUrl: process.env.TEST_DNS_CONTROL_URL ?? "",
  /** The Google stand-in's issuer (tests/fixtures/google-peer.ts): its login page is where "Continue with Google" lands. */
  googleIssuer: process.env.TEST_GOOGLE_ISSUER ?? "",
  /** The GitHub stand-in (tests/fixtures/github-peer.ts); steered over /__admin/*. */
  gitHubUrl: process.env.TEST_GITHUB_URL ?? "",
  /** The Discord stand-in (tests/fixtures/discord-peer.ts); steered over /__admin/*. */
  discordUrl: process.env.TEST_DISCORD_URL ?? "",
  /** The Battle.net stand-in (tests/fixtures/battlenet-peer.ts); steered over /__admin/*. */
  battleNetUrl: process.env.TEST_BATTLENET_URL ?? "",
  /** The X stand-in (tests/fixtures/x-peer.ts); steered over /__admin/*. */
  xUrl: process.env.TEST_X_URL ?? "",
  /** Admin connection used to create fresh Postgres databases. */
  postgresAdminUrl: process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  /** The server's database (Postgres) or data directory (PGlite). */
  serverDatabaseUrl: process.env.TEST_SERVER_DATABASE_URL ?? "",
  serverDataDir: process.env.TEST_SERVER_DATA_DIR ?? "",
  /** The server's SUDOMIMUS_SECRET (tests that inspect stored values need the same keyring). */
  serverSecret: process.env.TEST_SERVER_SECRET ?? "",
  screenshotDir: process.env.TEST_SCREENSHOT_DIR ?? "tests/screenshots",
  /** Whether this half saves screenshots (tests/run.ts asks one half only: the pages look the same on either database). */
  screenshots: process.env.TEST_SCREENSHOTS !== "off",
};

export function requireServer(): string {
  if (!testEnv.baseUrl) throw new Error("TEST_BASE_URL is not set: run integration tests through `npm test`.");
  return testEnv.baseUrl;
}
