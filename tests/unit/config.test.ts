import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { ConfigError, parseConfig } from "@/lib/config";
import { tempDir } from "../support/temp-dir";

const tmp = () => tempDir("sudomimus-config");

describe("configuration", () => {
  it("needs no setup: port 3000, PUBLIC_URL from the port, PGlite, generated secret, dev mailbox", () => {
    const dir = tmp();
    const config = parseConfig({ SUDOMIMUS_DATA_DIR: dir });
    assert.equal(config.port, 3000);
    assert.equal(config.publicUrl, "http://localhost:3000");
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.devMailbox, true);
    assert.equal(config.secure, false);
    assert.equal(config.secret.length, 32);
    const stat = fs.statSync(path.join(dir, "secret.key"));
    assert.equal(stat.mode & 0o777, 0o600);
  });

  it("sizes the Postgres pool at one connection per core, at least two, unless DATABASE_POOL_SIZE says otherwise", () => {
    const dir = tmp();
    assert.equal(parseConfig({ SUDOMIMUS_DATA_DIR: dir }).databasePoolSize, Math.max(2, os.availableParallelism()));
    assert.equal(parseConfig({ SUDOMIMUS_DATA_DIR: dir, DATABASE_POOL_SIZE: "12" }).databasePoolSize, 12);
    assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: dir, DATABASE_POOL_SIZE: "0" }), ConfigError);
    assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: dir, DATABASE_POOL_SIZE: "many" }), /DATABASE_POOL_SIZE/);
  });

  it("keeps the generated secret across restarts", () => {
    const dir = tmp();
    assert.deepEqual(parseConfig({ SUDOMIMUS_DATA_DIR: dir }).secret, parseConfig({ SUDOMIMUS_DATA_DIR: dir }).secret);
  });

  it("derives PUBLIC_URL from PORT and strips a trailing slash from an explicit one", () => {
    const dir = tmp();
    assert.equal(parseConfig({ SUDOMIMUS_DATA_DIR: dir, PORT: "4100" }).publicUrl, "http://localhost:4100");
    const https = parseConfig({ SUDOMIMUS_DATA_DIR: dir, PUBLIC_URL: "https://auth.example.com/" });
    assert.equal(https.publicUrl, "https://auth.example.com");
    assert.equal(https.secure, true);
  });

  it("shows the dev mailbox (everyone's sign-in codes) by default only for a PUBLIC_URL on this machine", () => {
    for (const local of ["http://localhost:3000", "http://127.0.0.1:4100", "http://[::1]:3000", "http://app.localhost"]) {
      assert.equal(parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), PUBLIC_URL: local }).devMailbox, true, local);
    }
    for (const exposed of ["https://auth.example.com", "http://10.0.0.5:3000", "http://localhost.example.com", "http://127.0.0.1.example.com"]) {
      assert.equal(parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), PUBLIC_URL: exposed }).devMailbox, false, exposed);
    }
    // An operator can still choose it (a staging host without mail), or switch it off locally.
    assert.equal(parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), PUBLIC_URL: "https://auth.example.com", SUDOMIMUS_DEV_MAILBOX: "on" }).devMailbox, true);
    assert.equal(parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), SUDOMIMUS_DEV_MAILBOX: "off" }).devMailbox, false);
  });

  it("turns the dev mailbox off when SMTP is configured", () => {
    const config = parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), SMTP_URL: "smtp://127.0.0.1:2525" });
    assert.equal(config.devMailbox, false);
    assert.equal(config.smtpUrl, "smtp://127.0.0.1:2525");
  });

  it("rejects bad values with a message naming the setting", () => {
    assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), PORT: "http" }), (error: unknown) => error instanceof ConfigError && /PORT/.test(error.message));
    assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), PUBLIC_URL: "not a url" }), /PUBLIC_URL/);
    // PUBLIC_URL is where browsers reach the server: an http(s) origin, nothing after it.
    assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), PUBLIC_URL: "localhost:3000" }), /PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/);
    assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), PUBLIC_URL: "ftp://auth.example.com" }), /PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/);
    for (const extra of ["/auth", "/?x=1", "/#top"]) {
      assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), PUBLIC_URL: `https://auth.example.com${extra}` }), /PUBLIC_URL: must be the server's origin alone/, extra);
    }
    assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), PUBLIC_URL: "https://user:pw@auth.example.com" }), /PUBLIC_URL: must be the server's origin alone/);
    assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), SUDOMIMUS_SECRET: "short" }), /SUDOMIMUS_SECRET/);
  });

  it("resolves through the system's DNS servers unless DNS_SERVERS names others", () => {
    assert.equal(parseConfig({ SUDOMIMUS_DATA_DIR: tmp() }).dnsServers, undefined);
    const servers = "127.0.0.1:5353, 1.1.1.1,[::1]:53,2001:db8::1,[2001:db8::2]";
    assert.deepEqual(parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), DNS_SERVERS: servers }).dnsServers, ["127.0.0.1:5353", "1.1.1.1", "[::1]:53", "2001:db8::1", "[2001:db8::2]"]);
    for (const bad of ["dns.example.com", "127.0.0.1:0", "127.0.0.1:70000", "[::1]:dns", "[127.0.0.1]:53", "1.2.3"]) {
      assert.throws(() => parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), DNS_SERVERS: bad }), /DNS_SERVERS/, bad);
    }
  });

  it("accepts an explicit secret in hex or base64url", () => {
    const hex = "ab".repeat(32);
    assert.deepEqual(parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), SUDOMIMUS_SECRET: hex }).secret, Buffer.from(hex, "hex"));
    const b64 = Buffer.alloc(32, 7).toString("base64url");
    assert.deepEqual(parseConfig({ SUDOMIMUS_DATA_DIR: tmp(), SUDOMIMUS_SECRET: b64 }).secret, Buffer.alloc(32, 7));
  });
});
