// Who a request is from, for rate limits: the socket's peer, unless the peer
// is a trusted reverse proxy — then the nearest hop of X-Forwarded-For that
// no trusted proxy accounts for.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig } from "@/lib/config";
import { CLIENT_ADDRESS_HEADER, clientAddress, isLoopbackRequest, knownClientAddress, limitedAs, parseTrustedProxies, resolveClientAddress, trustedProxyList } from "@/lib/http/client-address";

/** A configuration that touches no disk (a secret given, so none is generated). */
const base = { SUDOMIMUS_DATA_DIR: "/nonexistent", SUDOMIMUS_SECRET: "ab".repeat(32) };
const proxies = trustedProxyList(["127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8"]);

describe("client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    assert.equal(resolveClientAddress("192.0.2.10", "198.51.100.1", null), "192.0.2.10");
    assert.equal(resolveClientAddress("::ffff:192.0.2.10", undefined, null), "192.0.2.10", "an IPv4 peer of a dual-stack socket");
    assert.equal(resolveClientAddress(undefined, "198.51.100.1", proxies), undefined);
  });

  it("is the peer when the peer is not a trusted proxy: a client cannot forward for itself", () => {
    assert.equal(resolveClientAddress("192.0.2.10", "198.51.100.1", proxies), "192.0.2.10");
  });

  it("through trusted proxies, is the first hop from the right that no trusted proxy accounts for", () => {
    assert.equal(resolveClientAddress("127.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
    assert.equal(resolveClientAddress("::ffff:127.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
    assert.equal(resolveClientAddress("::1", "2001:db8::5", proxies), "2001:db8::5");
    // Two proxies (an edge in 10/8, then the local one); the client wrote an entry of its own on the left.
    assert.equal(resolveClientAddress("127.0.0.1", "203.0.113.9, 198.51.100.1, 10.1.2.3", proxies), "198.51.100.1");
    // Several headers are one list.
    assert.equal(resolveClientAddress("127.0.0.1", ["203.0.113.9", "198.51.100.1, 10.1.2.3"], proxies), "198.51.100.1");
  });

  it("stops at the last trusted hop when the proxies recorded nothing usable", () => {
    assert.equal(resolveClientAddress("127.0.0.1", undefined, proxies), "127.0.0.1");
    assert.equal(resolveClientAddress("127.0.0.1", "", proxies), "127.0.0.1");
    assert.equal(resolveClientAddress("127.0.0.1", "unknown, 10.1.2.3", proxies), "10.1.2.3");
    assert.equal(resolveClientAddress("127.0.0.1", "10.9.9.9, 10.1.2.3", proxies), "10.9.9.9", "all trusted: the farthest one");
  });

  it("TRUSTED_PROXIES takes addresses and CIDR ranges, and names a bad entry's setting", () => {
    assert.deepEqual(parseTrustedProxies(" 127.0.0.1, ::1 ,10.0.0.0/8,fd00::/8 "), ["127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8"]);
    for (const bad of ["proxy.local", "10.0.0.0/33", "fd00::/129", "10.0.0.0/8/1", "10.0.0.0/x", ","]) assert.equal(parseTrustedProxies(bad), null, bad);
    assert.deepEqual(parseConfig({ ...base, TRUSTED_PROXIES: "127.0.0.1" }).trustedProxies, ["127.0.0.1"]);
    assert.deepEqual(parseConfig(base).trustedProxies, []);
    assert.throws(() => parseConfig({ ...base, TRUSTED_PROXIES: "proxy.local" }), /TRUSTED_PROXIES: expected comma-separated IP addresses or CIDR ranges/);
  });

  it("limits an IPv6 client as its /64 network, so hopping between its own addresses escapes nothing", () => {
    for (const address of ["2001:db8:1:2::1", "2001:db8:1:2:a:b:c:d", "2001:0DB8:0001:0002:ffff::", "2001:db8:1:2::1%eth0"]) {
      assert.equal(limitedAs(address), "2001:db8:1:2::/64", address);
    }
    assert.equal(limitedAs("2001:db8:1:3::1"), "2001:db8:1:3::/64", "the next /64 is someone else");
    assert.equal(limitedAs("::1"), "0:0:0:0::/64");
    assert.equal(limitedAs("fe80::1"), "fe80:0:0:0::/64");
    assert.equal(limitedAs("64:ff9b::192.0.2.1"), "64:ff9b:0:0::/64", "an embedded IPv4 tail");
    assert.equal(limitedAs("1:2:3:4:5:6:192.0.2.1"), "1:2:3:4::/64");
    assert.equal(limitedAs("192.0.2.10"), "192.0.2.10", "IPv4 as it is");
    // What request handlers read: the header only this server writes, counted the same way.
    const from = (address: string) => new Request("http://localhost/", { headers: { [CLIENT_ADDRESS_HEADER]: address } });
    assert.equal(knownClientAddress(from("2001:db8:1:2::77")), "2001:db8:1:2::/64");
    assert.equal(clientAddress(from("2001:db8:1:2::78")), "2001:db8:1:2::/64");
    assert.equal(knownClientAddress(from("198.51.100.7")), "198.51.100.7");
    assert.equal(knownClientAddress(new Request("http://localhost/")), null);
    assert.equal(clientAddress(new Request("http://localhost/")), "unknown");
  });

  it("tells a peer on this machine (the exact address this server recorded) from any other", () => {
    const from = (address: string) => new Headers({ [CLIENT_ADDRESS_HEADER]: address });
    for (const address of ["127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1"]) {
      assert.equal(isLoopbackRequest(from(address)), true, address);
    }
    // A LAN or internet peer — including one in the same /64 as ::1 would be counted in, and the unspecified address.
    for (const address of ["192.168.1.20", "10.0.0.1", "172.16.0.1", "128.0.0.1", "fd00::1", "::2", "::", "0.0.0.0", "::ffff:192.168.1.20", "2001:db8::1", "localhost", "127.0.0.1.evil", ""]) {
      assert.equal(isLoopbackRequest(from(address)), false, address);
    }
    assert.equal(isLoopbackRequest(new Headers()), false, "no recorded peer");
  });
});
