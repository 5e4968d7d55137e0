// The Sudomimus CLI's pure parts (docs 03): its command line and where each
// endpoint comes from, the owner-only session file, the access token's time
// left, and the device login loop's pacing (RFC 8628 §3.5) against a
// scripted device-api peer. The whole CLI against the real server is
// tests/integration/cli.test.ts.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, it } from "node:test";
import { parseInvocation, resolveEndpoints, UsageError } from "../../lib/cli/args";
import { accessTokenSecondsLeft, credentialsPath, readSession, sessionFileFor, writeSession } from "../../lib/cli/credentials";
import { deviceLogin } from "../../lib/cli/login";
import { tempDir } from "../support/temp-dir";

const HOME = "/home/ada";

describe("CLI command line", () => {
  it("reads the command, its flags and the environment", () => {
    const login = parseInvocation(["login", "--no-open"], {}, HOME);
    assert.deepEqual(login, { command: "login", noOpen: true, json: false, endpoints: {}, serverUrl: undefined, applicationAnchor: "sudomimus-with", home: "/home/ada/.sudomimus" });
    assert.equal(parseInvocation([], {}, HOME).command, "help");
    assert.equal(parseInvocation(["--help"], {}, HOME).command, "help");
    assert.equal(parseInvocation(["whoami", "--json"], { SUDOMIMUS_CLI_HOME: ".sudomimus-cli" }, HOME).home, ".sudomimus-cli");
    assert.equal(parseInvocation(["organizations", "--json"], {}, HOME).json, true);
    const shown = parseInvocation(["application", "demo-app", "--json"], {}, HOME);
    assert.deepEqual([shown.command, shown.applicationToShow, shown.json], ["application", "demo-app", true]);
    const set = parseInvocation(["set-rules", "--rules-file=rules.json", "demo-app"], {}, HOME);
    assert.deepEqual([set.command, set.applicationToShow, set.rulesFile, set.json], ["set-rules", "demo-app", "rules.json", false]);
    const overridden = parseInvocation(
      ["whoami", "--connect-api-base-url=http://127.0.0.1:7101/", "--with-api-base-url", "https://with.example.com/api"],
      { SUDOMIMUS_DEVICE_API_BASE_URL: "http://localhost:7701", SUDOMIMUS_WITH_API_BASE_URL: "http://localhost:1", SUDOMIMUS_WITH_APPLICATION_ANCHOR: "my-portal" },
      HOME,
    );
    assert.deepEqual(overridden.endpoints, { deviceApi: "http://localhost:7701", connectApi: "http://127.0.0.1:7101", withApi: "https://with.example.com/api" }, "a flag beats its variable");
    assert.equal(overridden.applicationAnchor, "my-portal");
  });

  it("refuses what it does not understand, and plain http off this machine (tokens travel there)", () => {
    const refused = (argv: string[], env: Record<string, string> = {}) => assert.throws(() => parseInvocation(argv, env, HOME), UsageError, argv.join(" "));
    refused(["whoareyou"]);
    refused(["whoami", "--no-open"]);
    refused(["login", "--json"]);
    refused(["application"]);
    refused(["application", "Not_An_Anchor"]);
    refused(["application", "demo-app", "other-app"]);
    refused(["set-rules", "demo-app"]);
    refused(["set-rules", "--rules-file", "rules.json"]);
    refused(["set-rules", "demo-app", "--rules-file"]);
    refused(["application", "demo-app", "--rules-file", "rules.json"]);
    refused(["login", "--url"]);
    refused(["whoami", "--url", "http://sudomimus.example.com"]);
    refused(["whoami", "--url", "ftp://localhost"]);
    refused(["whoami", "--url", "https://sudomimus.example.com/?x=1"]);
    refused(["whoami"], { SUDOMIMUS_CONNECT_API_BASE_URL: "not a url" });
    refused(["whoami"], { SUDOMIMUS_WITH_APPLICATION_ANCHOR: "Not An Anchor" });
    assert.doesNotThrow(() => parseInvocation(["whoami", "--url", "http://[::1]:3000"], {}, HOME));
  });

  it("takes each endpoint as given, else the given server's, else the stored session's, else this machine's", () => {
    const stored = { deviceApi: "https://d.example", connectApi: "https://c.example", withApi: "https://w.example" };
    assert.deepEqual(resolveEndpoints({ endpoints: {}, serverUrl: undefined }), {
      deviceApi: "http://localhost:3000/device-api",
      connectApi: "http://localhost:3000/connect-api",
      withApi: "http://localhost:3000/with/api",
    });
    assert.deepEqual(resolveEndpoints({ endpoints: {}, serverUrl: undefined }, stored), stored);
    assert.deepEqual(resolveEndpoints({ endpoints: { withApi: "http://localhost:9" }, serverUrl: "https://s.example" }, stored), {
      deviceApi: "https://s.example/device-api",
      connectApi: "https://s.example/connect-api",
      withApi: "http://localhost:9",
    });
  });
});

describe("CLI session file", () => {
  it("is written whole, for its owner only, and read back; anything else is reported, not used", () => {
    const home = path.join(tempDir("cli-unit"), "nested", "home");
    const file = credentialsPath(home);
    try {
      assert.equal(readSession(file), null);
      const endpoints = { deviceApi: "http://localhost:1/device-api", connectApi: "http://localhost:1/connect-api", withApi: "http://localhost:1/with/api" };
      writeSession(file, { applicationAnchor: "sudomimus-with", endpoints, accessToken: "a", refreshToken: "r" }, new Date("2026-12-03T10:00:00Z"));
      writeSession(file, { applicationAnchor: "sudomimus-with", endpoints, accessToken: "a2", refreshToken: "r2" }, new Date("2026-12-03T10:05:00Z"));
      assert.deepEqual(readSession(file), { version: 1, applicationAnchor: "sudomimus-with", endpoints, accessToken: "a2", refreshToken: "r2", updatedAt: "2026-12-03T10:05:00.000Z" });
      assert.equal(fs.statSync(home).mode & 0o777, 0o700);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(fs.readdirSync(home), ["credentials.json"]);
      for (const broken of ["", "[]", '{"version":2}', JSON.stringify({ version: 1, applicationAnchor: "x", endpoints, accessToken: "a" })]) {
        fs.writeFileSync(file, broken);
        assert.throws(() => readSession(file), /is not a Sudomimus CLI session; run `sudomimus login` to replace it/, broken);
      }
    } finally {
      fs.rmSync(path.dirname(path.dirname(home)), { recursive: true, force: true });
    }
  });

  it("keeps a session made elsewhere (endpoint overrides) in a file of its own, never in the stored one's", () => {
    const at = (base: string) => ({ deviceApi: `${base}/device-api`, connectApi: `${base}/connect-api`, withApi: `${base}/with/api` });
    const production = at("https://auth.example.com");
    const main = { version: 1 as const, applicationAnchor: "sudomimus-with", endpoints: production, accessToken: "a", refreshToken: "r", updatedAt: "" };
    const home = "/home/agent/.sudomimus";
    assert.equal(sessionFileFor(home, null, at("http://localhost:3000")), credentialsPath(home), "no stored session: the first one is it");
    assert.equal(sessionFileFor(home, main, production), credentialsPath(home), "the stored session's own endpoints");
    const local = sessionFileFor(home, main, at("http://localhost:3000"));
    assert.match(local, /^\/home\/agent\/\.sudomimus\/credentials-[0-9a-f]{16}\.json$/);
    assert.equal(sessionFileFor(home, main, at("http://localhost:3000")), local, "the same place, the same file");
    assert.notEqual(sessionFileFor(home, main, { ...production, withApi: "http://localhost:7301" }), credentialsPath(home), "one endpoint elsewhere is elsewhere");
    assert.notEqual(sessionFileFor(home, main, at("http://localhost:4000")), local);
  });

  it("reads the access token's time left from its header (where Sudomimus puts exp)", () => {
    const token = (header: unknown) => `${Buffer.from(JSON.stringify(header)).toString("base64url")}.e30.sig`;
    const now = new Date("2026-12-03T10:00:00Z");
    assert.equal(accessTokenSecondsLeft(token({ alg: "RS256", kty: "Access", exp: now.getTime() / 1000 + 90 }), now), 90);
    assert.equal(accessTokenSecondsLeft(token({ alg: "RS256", exp: now.getTime() / 1000 - 5 }), now), -5);
    for (const unreadable of ["", "garbage", token({ alg: "RS256" }), token({ exp: "soon" })]) assert.equal(accessTokenSecondsLeft(unreadable, now), -Infinity, unreadable);
  });
});

describe("CLI device login loop", () => {
  /** A device-api peer answering /device-token polls from a script, recording when each came. */
  async function scriptedPeer(answers: { status: number; body: unknown }[]) {
    const polls: number[] = [];
    const server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        const send = (status: number, value: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
        if (request.url === "/device-authorize") {
          assert.deepEqual(JSON.parse(body), { applicationAnchor: "sudomimus-with" });
          return send(200, { deviceCode: "dc", userCode: "BCDF-GHJK", verificationUri: "http://localhost/via/device", verificationUriComplete: "http://localhost/via/device?user-code=BCDF-GHJK", expiresIn: 600, interval: 5 });
        }
        polls.push(Date.now());
        const answer = answers.shift() ?? { status: 400, body: { error: "authorization_pending" } };
        send(answer.status, answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { base, polls, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  const run = async (answers: { status: number; body: unknown }[]) => {
    const peer = await scriptedPeer(answers);
    const waits: number[] = [];
    const said: string[] = [];
    try {
      const result = await deviceLogin({ deviceApi: peer.base, connectApi: "", withApi: "" }, "sudomimus-with", { say: (line) => said.push(line), sleep: async (ms) => void waits.push(ms) });
      return { result, waits, said };
    } catch (error) {
      return { error: error as Error, waits, said };
    } finally {
      await peer.close();
    }
  };

  it("waits the interval between polls, and slows down as told", async () => {
    const { result, waits, said } = await run([
      { status: 400, body: { error: "authorization_pending" } },
      { status: 400, body: { error: "slow_down", interval: 10 } },
      { status: 400, body: { error: "slow_down" } },
      { status: 200, body: { applicationAnchor: "sudomimus-with", accessToken: "at", refreshToken: "rt", claims: {} } },
    ]);
    assert.deepEqual(result, { accessToken: "at", refreshToken: "rt" });
    assert.deepEqual(waits, [5000, 5000, 10_000, 15_000]);
    assert.ok(said.includes("  http://localhost/via/device?user-code=BCDF-GHJK"));
    assert.ok(said.includes("and check that it shows the code BCDF-GHJK."));
  });

  it("says plainly when the request was denied or the code ran out", async () => {
    assert.match((await run([{ status: 400, body: { error: "access_denied" } }])).error?.message ?? "", /denied in the browser/);
    assert.match((await run([{ status: 400, body: { error: "expired_token" } }])).error?.message ?? "", /The code expired before it was approved/);
    assert.match((await run([{ status: 500, body: { error: "server_error", error_description: "boom" } }])).error?.message ?? "", /^server_error: boom$/);
  });
});
