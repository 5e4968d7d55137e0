// The HealthResponse of every JSON surface: ready only when the database answers.
import { sql } from "drizzle-orm";
import { queryRows } from "@/db/client";
import type { Deps } from "./runtime";
import { json } from "./http/respond";

export const VERSION = "0.1.0";

export async function healthResponse(deps: Pick<Deps, "db">, service: string): Promise<Response> {
  try {
    await queryRows(deps.db, sql`select 1 as ok`);
    return json({ ready: true, service, version: VERSION });
  } catch {
    return json({ ready: false, service, version: VERSION }, 503);
  }
}
