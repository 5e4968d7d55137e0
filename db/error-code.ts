// Telling failed queries apart by their code: the SQLSTATE of the server's
// error, or the socket's / postgres.js's own code. drizzle wraps the driver's
// error (`cause`), so the code is looked for a few levels down.
export function hasErrorCode(error: unknown, codes: ReadonlySet<string>): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && codes.has(code)) return true;
  }
  return false;
}
