// queryRows, the hot paths' direct statements: on PGlite they run as named
// prepared statements (db/pglite-prepared.ts), on Postgres through
// postgres.js's own. Both must bind parameters by type, survive a failed
// statement, stay out of another caller's open transaction and keep working
// past the prepared-statement cache.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { queryRows, timestamp, toDate, type OpenDatabase } from "@/db/client";
import { openTestDatabase } from "../support/database";

describe(`direct queries (${process.env.TEST_DB_KIND ?? "pglite"})`, () => {
  let opened: OpenDatabase;
  before(async () => {
    opened = await openTestDatabase();
    await opened.db.execute(sql`create table direct_probe (id uuid primary key, n int not null, note text, at timestamptz, doc jsonb)`);
  });
  after(() => opened.close());

  it("binds typed parameters and reads them back, the same statement many times", async () => {
    for (let n = 0; n < 12; n++) {
      const id = crypto.randomUUID();
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, n));
      const [row] = await queryRows<{ id: string; n: number; note: string | null; at: unknown; doc: { n: number } }>(
        opened.db,
        sql`insert into direct_probe (id, n, note, at, doc) values (${id}::uuid, ${n}::int, ${n % 2 ? null : `note ${n}`}, ${timestamp(at)}, ${JSON.stringify({ n })}::jsonb)
            returning id, n, note, at, doc`,
      );
      assert.deepEqual({ ...row, at: toDate(row!.at).toISOString() }, { id, n, note: n % 2 ? null : `note ${n}`, at: at.toISOString(), doc: { n } });
    }
    const [count] = await queryRows<{ total: number }>(opened.db, sql`select count(*)::int as total from direct_probe where n >= ${0}::int`);
    assert.equal(count!.total, 12);
  });

  it("reports a failed statement and keeps serving the next one", async () => {
    const id = crypto.randomUUID();
    const insert = () => queryRows(opened.db, sql`insert into direct_probe (id, n) values (${id}::uuid, ${1}::int) returning id`);
    await insert();
    await assert.rejects(insert(), /duplicate key/);
    await assert.rejects(queryRows(opened.db, sql`select ${"not a uuid"}::uuid as id`), /invalid input syntax/);
    const rows = await queryRows<{ id: string }>(opened.db, sql`select id from direct_probe where id = ${id}::uuid`);
    assert.deepEqual([...rows], [{ id }]);
  });

  it("does not run inside another caller's open transaction", async () => {
    const id = crypto.randomUUID();
    let seenInside: number | undefined;
    let releaseTransaction!: () => void;
    const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
    const transaction = opened.db.transaction(async (tx) => {
      await tx.execute(sql`insert into direct_probe (id, n) values (${id}::uuid, 7)`);
      await held;
      throw new Error("roll back");
    });
    // Issued while the transaction holds an uncommitted row: it must not see it.
    const outside = queryRows<{ total: number }>(opened.db, sql`select count(*)::int as total from direct_probe where id = ${id}::uuid`).then(
      ([row]) => (seenInside = row!.total),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    releaseTransaction();
    await assert.rejects(transaction, /roll back/);
    await outside;
    assert.equal(seenInside, 0);
  });

  it("shares prepared statements between two loaded copies of the module (the server has two: fast path and Next's bundle)", async (t) => {
    const client = (opened.db as unknown as { $client: unknown }).$client;
    if (!(client instanceof PGlite)) return t.skip("PGlite only");
    const file = pathToFileURL(path.resolve(import.meta.dirname, "../../db/pglite-prepared.ts")).href;
    const copies = [(await import(`${file}?copy=1`)) as typeof import("@/db/pglite-prepared"), (await import(`${file}?copy=2`)) as typeof import("@/db/pglite-prepared")];
    const text = "select $1::int * 2 as doubled";
    for (const [index, copy] of copies.entries()) assert.deepEqual(await copy.queryPrepared(client, text, [index + 20]), [{ doubled: (index + 20) * 2 }]);
    // A new text first seen by the second copy gets a name the first has not used.
    assert.deepEqual(await copies[1]!.queryPrepared(client, "select $1::text || '!' as shout", ["hi"]), [{ shout: "hi!" }]);
    assert.deepEqual(await copies[0]!.queryPrepared(client, "select $1::int + 1 as next", [1]), [{ next: 2 }]);
  });

  it("keeps working for more distinct statements than it caches", async () => {
    for (let k = 0; k < 300; k++) {
      const [row] = await queryRows<{ value: number }>(opened.db, sql.raw(`select ${k} + 1 as value`));
      assert.equal(row!.value, k + 1);
    }
  });
});
