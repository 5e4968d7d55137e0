// The background sweep deletes in bounded batches. postgres.js pipelines
// queries onto busy connections, so one long delete (a table that grew for
// ten minutes under load) would hold up every request queued behind it on
// that connection — half of them with a two-connection pool. A batch is a
// short statement; the sweep goes on until a batch comes back short.
import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Executor } from "../client";

export const SWEEP_BATCH_ROWS = 1000;

/** Deletes the rows of `table` matching `where`, at most `batchRows` per statement; returns how many went. */
export async function deleteInBatches(db: Executor, table: PgTable, where: SQL, batchRows = SWEEP_BATCH_ROWS): Promise<number> {
  let deleted = 0;
  for (;;) {
    // `ctid = any(array(…))` makes the delete a TID scan of exactly the batch's rows.
    const [batch] = await queryRows<{ count: number }>(
      db,
      sql`with gone as (
            delete from ${table} where ctid = any(array(select ctid from ${table} where ${where} limit ${batchRows}))
            returning 1)
          select count(*)::int as count from gone`,
    );
    deleted += batch!.count;
    if (batch!.count < batchRows) return deleted;
  }
}
