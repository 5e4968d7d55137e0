// queryRows, the hot paths' direct statements: on PGlite they run as named
// prepared statements (db/pglite-prepared.ts) in the database's worker
// thread, on Postgres through postgres.js's own. Both must bind parameters by type, survive a failed
// statement, stay out of another caller's open transaction and keep working
// past the prepared-statement cache.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
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

  it("serves queryRows from two loaded copies of db/client (the server has two: the fast path and Next's bundle)", async () => {
    const file = pathToFileURL(path.resolve(import.meta.dirname, "../../db/client.ts")).href;
    const copies = [(await import(`${file}?copy=1`)) as typeof import("@/db/client"), (await import(`${file}?copy=2`)) as typeof import("@/db/client")];
    for (const [index, copy] of copies.entries()) {
      assert.deepEqual([...(await copy.queryRows(opened.db, sql`select ${index + 20}::int * 2 as doubled`))], [{ doubled: (index + 20) * 2 }]);
    }
    // A statement first seen through the second copy, then the first: one prepared statement each, no name clash.
    assert.deepEqual([...(await copies[1]!.queryRows(opened.db, sql`select ${"hi"}::text || '!' as shout`))], [{ shout: "hi!" }]);
    assert.deepEqual([...(await copies[0]!.queryRows(opened.db, sql`select ${1}::int + 1 as next`))], [{ next: 2 }]);
  });

  it("reports a database error with Postgres's fields, and a transaction commits or rolls back as a whole", async () => {
    const id = crypto.randomUUID();
    await queryRows(opened.db, sql`insert into direct_probe (id, n) values (${id}::uuid, ${5}::int)`);
    await assert.rejects(
      queryRows(opened.db, sql`insert into direct_probe (id, n) values (${id}::uuid, ${5}::int)`),
      (error: Error & { code?: string }) => error.code === "23505" && error.message.includes("direct_probe_pkey"),
    );
    const committed = crypto.randomUUID();
    await opened.db.transaction(async (tx) => {
      await tx.execute(sql`insert into direct_probe (id, n) values (${committed}::uuid, 8)`);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`update direct_probe set n = 9 where id = ${committed}::uuid`);
        inner.rollback(); // the savepoint only
      }).catch(() => undefined);
    });
    const [row] = await queryRows<{ n: number }>(opened.db, sql`select n from direct_probe where id = ${committed}::uuid`);
    assert.equal(row?.n, 8);
  });

  it("keeps working for more distinct statements than it caches", async () => {
    for (let k = 0; k < 300; k++) {
      const [row] = await queryRows<{ value: number }>(opened.db, sql.raw(`select ${k} + 1 as value`));
      assert.equal(row!.value, k + 1);
    }
  });
});
