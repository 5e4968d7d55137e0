// Data survives a restart, on whichever database this pass runs against: the
// seeded demo application keeps its token-signing key (a lost database would
// be re-seeded with a new one). A database the server cannot use ends the
// start with one sentence that says which and why. Told to stop, the server
// finishes the requests it is serving before it closes the database. A
// Postgres that goes away and comes back is a 503 in between, not a 500.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { createFreshPostgresDatabase } from "../support/database";
import { testEnv } from "../support/env";
import { freePort } from "../support/ports";
import { startServer } from "../support/server";

async function demoPublicKey(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/connect-api/info`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ applicationAnchor: "demo-app", locale: "en-US" }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { applicationPublicKey: string }).applicationPublicKey;
}

/** Polls `check` every 50 ms until it holds (at most 10 s). */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What a new TCP connection to the port meets: "connected" (closed again at once) or the error code. */
function connectionOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const probe = net.connect(port, "127.0.0.1");
    probe.once("connect", () => {
      probe.destroy();
      resolve("connected");
    });
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
}

describe("persistence", () => {
  it("keeps its data across a restart", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-restart-"));
    const fresh = testEnv.dbKind === "postgres" ? await createFreshPostgresDatabase(testEnv.postgresAdminUrl) : undefined;
    const env = {
      SUDOMIMUS_DATA_DIR: dataDir,
      SUDOMIMUS_SECRET: crypto.randomBytes(32).toString("hex"),
      LOG_LEVEL: "warn",
      ...(fresh ? { DATABASE_URL: fresh.url } : {}),
    };
    try {
      const first = await startServer(await freePort(), env);
      const before = await demoPublicKey(first.baseUrl);
      await first.stop();
      if (!fresh) assert.equal(fs.existsSync(path.join(dataDir, "pglite.lock")), false, "a clean stop releases the PGlite lock");
      const second = await startServer(await freePort(), env);
      try {
        assert.equal(await demoPublicKey(second.baseUrl), before);
      } finally {
        await second.stop();
      }
    } finally {
      await fresh?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses to start, naming the database, when Postgres cannot be reached", { skip: testEnv.dbKind !== "postgres" }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-unreachable-"));
    try {
      await assert.rejects(
        startServer(await freePort(), { SUDOMIMUS_DATA_DIR: dataDir, DATABASE_URL: "postgres://someone:hunter2@127.0.0.1:1/nowhere", LOG_LEVEL: "warn" }),
        (error: Error) => {
          assert.match(error.message, /exited early \(1\)/);
          assert.match(error.message, /sudomimus failed to start: Cannot reach the database 127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/);
          assert.doesNotMatch(error.message, /hunter2|\n\s+at /, "no credentials, no stack trace");
          return true;
        },
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses a bad setting, naming it, in one sentence", { skip: testEnv.dbKind !== "postgres" }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-misconfigured-"));
    try {
      await assert.rejects(startServer(await freePort(), { SUDOMIMUS_DATA_DIR: dataDir, PUBLIC_URL: "localhost:3000", LOG_LEVEL: "warn" }), (error: Error) => {
        assert.match(error.message, /exited early \(1\)/);
        assert.match(error.message, /sudomimus failed to start: Invalid configuration: PUBLIC_URL: /);
        assert.doesNotMatch(error.message, /\n\s+at /, "no stack trace");
        return true;
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses to start on a PGlite data directory another server holds", { skip: testEnv.dbKind !== "pglite" }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-held-"));
    const env = { SUDOMIMUS_DATA_DIR: dataDir, SUDOMIMUS_SECRET: crypto.randomBytes(32).toString("hex"), LOG_LEVEL: "warn" };
    const first = await startServer(await freePort(), env);
    try {
      await assert.rejects(startServer(await freePort(), env), (error: Error) => {
        assert.match(error.message, new RegExp(`sudomimus failed to start: The data directory ${dataDir} is in use by process ${first.process.pid}\\.`));
        assert.doesNotMatch(error.message, /\n\s+at /, "no stack trace");
        return true;
      });
      // The first server is untouched.
      assert.equal((await fetch(`${first.baseUrl}/connect-api/health`)).status, 200);
    } finally {
      await first.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("finishes the request it is serving when told to stop, refuses new connections, then exits", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-drain-"));
    const fresh = testEnv.dbKind === "postgres" ? await createFreshPostgresDatabase(testEnv.postgresAdminUrl) : undefined;
    const port = await freePort();
    const server = await startServer(port, { SUDOMIMUS_DATA_DIR: dataDir, LOG_LEVEL: "warn", ...(fresh ? { DATABASE_URL: fresh.url } : {}) });
    try {
      // A redeem whose body is still arriving when the signal comes: well-formed keys of no inquiry.
      const body = JSON.stringify({ exposureKey: `exp_${"a".repeat(32)}`, hiddenKey: `hid_${"b".repeat(32)}`, confirmationKey: `cnf_${"c".repeat(32)}` });
      const socket = net.connect(port, "127.0.0.1");
      await once(socket, "connect");
      const closed = once(socket, "close");
      let answer = "";
      socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
      socket.write(`POST /connect-api/redeem HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`);
      // "100 Continue" comes once the server has read the headers and taken the request on.
      const goOn = "HTTP/1.1 100 Continue\r\n\r\n";
      await until(() => answer.startsWith(goOn), "100 Continue");
      socket.write(body.slice(0, 20));
      const exited = once(server.process, "exit");
      server.process.kill("SIGTERM");
      // No new connection once it is draining (the signal takes a moment to arrive).
      await until(async () => (await connectionOutcome(port)) === "ECONNREFUSED", "new connections to be refused");
      // The rest of the body arrives; the request is answered in full, from the database, and the server closes the connection.
      socket.write(body.slice(20));
      await closed;
      const final = answer.slice(goOn.length);
      assert.match(final, /^HTTP\/1\.1 400 /);
      assert.match(final, /\r\nconnection: close\r\n/i);
      assert.equal(JSON.parse(final.slice(final.indexOf("\r\n\r\n") + 4)).reason, "InquiryNotFound");
      const [code] = (await exited) as [number | null];
      assert.equal(code, 143, "the conventional exit status for SIGTERM");
      if (!fresh) assert.equal(fs.existsSync(path.join(dataDir, "pglite.lock")), false, "the PGlite lock is released");
    } finally {
      await server.stop();
      await fresh?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("answers 503 ServiceUnavailable while Postgres is unreachable, and serves again once it is back", { skip: testEnv.dbKind !== "postgres" }, async () => {
    // The server reaches Postgres through a TCP relay this test can cut and restore.
    const fresh = await createFreshPostgresDatabase(testEnv.postgresAdminUrl);
    const target = new URL(fresh.url);
    const relayPort = await freePort();
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    const listen = async () => {
      relay.listen(relayPort, "127.0.0.1");
      await once(relay, "listening");
    };
    await listen();
    const viaRelay = new URL(fresh.url);
    viaRelay.hostname = "127.0.0.1";
    viaRelay.port = String(relayPort);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sudomimus-relay-"));
    const server = await startServer(await freePort(), { SUDOMIMUS_DATA_DIR: dataDir, DATABASE_URL: viaRelay.href, LOG_LEVEL: "silent" });
    const redeem = async () => {
      const response = await fetch(`${server.baseUrl}/connect-api/redeem`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ exposureKey: `exp_${"a".repeat(32)}`, hiddenKey: `hid_${"b".repeat(32)}`, confirmationKey: `cnf_${"c".repeat(32)}` }),
      });
      return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as { reason: string } };
    };
    try {
      assert.deepEqual((await redeem()).body.reason, "InquiryNotFound", "served from the database");
      // Postgres goes away: open connections break, new ones are refused.
      relay.close();
      for (const socket of sockets) socket.destroy();
      for (let attempt = 0; attempt < 2; attempt++) {
        const down = await redeem();
        assert.deepEqual([down.status, down.body.reason, down.retryAfter], [503, "ServiceUnavailable", "5"]);
      }
      assert.equal((await fetch(`${server.baseUrl}/connect-api/health`)).status, 503, "health says not ready");
      // A polling device client is told to slow down, not to stop: its session is intact and the outage passes.
      const poll = await fetch(`${server.baseUrl}/device-api/device-token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ deviceCode: `dvc_${"0".repeat(64)}` }),
      });
      assert.deepEqual([poll.status, poll.headers.get("retry-after"), await poll.json()], [503, "10", { error: "slow_down", interval: 10 }]);
      // It comes back: the server reconnects by itself.
      await listen();
      assert.equal((await redeem()).body.reason, "InquiryNotFound");
      assert.equal((await fetch(`${server.baseUrl}/connect-api/health`)).status, 200);
    } finally {
      await server.stop();
      relay.close();
      for (const socket of sockets) socket.destroy();
      await fresh.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
