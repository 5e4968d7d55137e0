// Named prepared statements for embedded PGlite. `PGlite.query` parses and
// plans its statement on every call and crosses into WebAssembly six times;
// on the hot paths' combined queries planning alone was ~80 % of the cost.
// Here each distinct statement text is parsed and described once per
// database (Postgres then caches its plan, we keep its row description), and
// every later execution is one Bind + Execute + Sync round trip — no
// per-call Describe, whose answer (a message per column) cost as much to
// decode in JS as the rows themselves. Postgres (postgres.js, `prepare: true`) already
// works this way, so both databases now pay the same kind of cost.
import { PGlite, parse, protocol } from "@electric-sql/pglite";

type BackendMessage = Parameters<typeof parse.parseResults>[0][number];

interface PreparedStatement {
  name: string;
  paramTypes: number[];
  /** The statement's RowDescription (absent for statements without rows). */
  rowDescription: BackendMessage | undefined;
}

// Statement texts are the hot paths' fixed templates; the cap only guards
// against a caller that builds texts dynamically.
const MAX_STATEMENTS = 256;
// Kept on the client itself, under a process-wide symbol: the server loads
// this module twice (the API fast path and Next's bundle) over one PGlite,
// and Postgres knows each statement name once per database session.
const STATEMENTS = Symbol.for("sudomimus.pglite.preparedStatements");
type WithStatements = PGlite & { [STATEMENTS]?: Map<string, PreparedStatement> };

// The PGlite internals every public query method goes through: the
// transaction mutex keeps a statement out of someone else's open
// transaction, the query mutex keeps protocol messages from interleaving.
interface PgliteInternals {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  serializers: Record<number, (value: unknown) => string>;
  parsers: Record<number, (value: string, typeId?: number) => unknown>;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function prepare(client: PGlite, known: Map<string, PreparedStatement>, text: string): Promise<PreparedStatement> {
  const name = `sudomimus_${known.size + 1}`;
  const { messages } = await client.execProtocol(
    concat([protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: "S", name }), protocol.serialize.sync()]),
    { syncToFs: false },
  );
  const statement = {
    name,
    paramTypes: parse.parseDescribeStatementResults(messages),
    rowDescription: messages.find((message) => message.name === "rowDescription"),
  };
  known.set(text, statement);
  return statement;
}

/** Rows of one statement, prepared on first use; null when the cache is full (the caller then uses `query`). */
export async function queryPrepared<T>(client: PGlite, text: string, params: unknown[]): Promise<T[] | null> {
  const holder = client as WithStatements;
  const known = (holder[STATEMENTS] ??= new Map());
  if (!known.has(text) && known.size >= MAX_STATEMENTS) return null;
  const internals = client as unknown as PgliteInternals;
  return internals._runExclusiveTransaction(() =>
    internals._runExclusiveQuery(async () => {
      const statement = known.get(text) ?? (await prepare(client, known, text));
      // The same serialization PGlite.query applies: by the parameter's declared type.
      const values = params.map((value, index) => {
        if (value === null || value === undefined) return null;
        const serialize = internals.serializers[statement.paramTypes[index]!];
        return serialize ? serialize(value) : String(value);
      });
      // One round trip; on an error Postgres skips to Sync, so the session is clean either way.
      const { messages } = await client.execProtocol(
        concat([protocol.serialize.bind({ statement: statement.name, values }), protocol.serialize.execute({}), protocol.serialize.sync()]),
        { syncToFs: false },
      );
      await client.syncToFs();
      // The rows are decoded against the description kept from prepare time.
      const described = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
      return (parse.parseResults(described, internals.parsers)[0]?.rows ?? []) as T[];
    }),
  );
}
