// The development mailbox shows every sign-in code: only this machine may read
// it — a loopback peer that asked for PUBLIC_URL's host by name.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { mayReadDevMailbox } from "@/lib/mail/dev-mailbox";

const local = { devMailbox: true, publicUrl: "http://localhost:3000" };
const request = (clientAddress: string | null, host: string | null) => {
  const headers = new Headers();
  if (clientAddress !== null) headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
  if (host !== null) headers.set("host", host);
  return headers;
};

describe("development mailbox access", () => {
  it("opens to a browser on this machine asking for PUBLIC_URL's host", () => {
    assert.equal(mayReadDevMailbox(request("127.0.0.1", "localhost:3000"), local), true);
    assert.equal(mayReadDevMailbox(request("::1", "LOCALHOST:3000"), local), true, "host names are case-insensitive");
    assert.equal(mayReadDevMailbox(request("::ffff:127.0.0.1", "localhost"), local), true);
    assert.equal(mayReadDevMailbox(request("::1", "[::1]:3000"), { devMailbox: true, publicUrl: "http://[::1]:3000" }), true);
    assert.equal(mayReadDevMailbox(request("127.0.0.1", "127.0.0.1:3000"), { devMailbox: true, publicUrl: "http://127.0.0.1:3000" }), true);
  });

  it("is closed to the local network, whatever Host it names", () => {
    for (const peer of ["192.168.1.20", "10.0.0.7", "fd00::1", "2001:db8::1"]) {
      assert.equal(mayReadDevMailbox(request(peer, "localhost:3000"), local), false, peer);
    }
    assert.equal(mayReadDevMailbox(request(null, "localhost:3000"), local), false, "no recorded peer");
  });

  it("is closed to a page that rebinds its own name to this machine (the Host is not PUBLIC_URL's)", () => {
    assert.equal(mayReadDevMailbox(request("127.0.0.1", "rebind.evil.example:3000"), local), false);
    assert.equal(mayReadDevMailbox(request("127.0.0.1", "localhost.evil.example"), local), false);
    assert.equal(mayReadDevMailbox(request("127.0.0.1", "127.0.0.1:3000"), local), false, "PUBLIC_URL names localhost");
    for (const host of [null, "", "evil.example@localhost", "localhost/x", "local host"]) {
      assert.equal(mayReadDevMailbox(request("127.0.0.1", host), local), false, String(host));
    }
  });

  it("is not there at all when the mailbox is off", () => {
    assert.equal(mayReadDevMailbox(request("127.0.0.1", "localhost:3000"), { ...local, devMailbox: false }), false);
  });
});
