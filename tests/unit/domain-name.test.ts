import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { challengeRecord } from "@/lib/domains/challenge";
import { checkDomainName } from "@/lib/domains/domain-name";

describe("adoptable domain names (docs 21)", () => {
  it("accepts standard ASCII domains of two or more labels, lowercased, without a trailing dot", () => {
    for (const [input, domain] of [
      ["example.com", "example.com"],
      ["Mail.Example.CO.UK", "mail.example.co.uk"],
      [" example.com. ", "example.com"],
      ["a-b.c1.example", "a-b.c1.example"],
      ["123.example", "123.example"],
    ]) {
      assert.deepEqual(checkDomainName(input!), { domain }, input);
    }
  });

  it("refuses single labels, bad labels, IP addresses, over-long names and anything that is not a host name", () => {
    const long = `${"a".repeat(60)}.`.repeat(5) + "example";
    for (const input of ["", "com", "localhost", ".example.com", "a..b", "-a.example", "a-.example", "a_b.example", "a b.example", "1.2.3.4", "example.com:443", "https://example.com", `${"a".repeat(64)}.com`, long]) {
      assert.deepEqual(checkDomainName(input), { problem: "domainInvalid" }, input);
    }
  });

  it("refuses internationalized domains, in punycode or in Unicode", () => {
    for (const input of ["xn--bcher-kva.example", "mail.XN--bcher-kva.example", "bücher.example", "例え.jp"]) {
      assert.deepEqual(checkDomainName(input), { problem: "domainInternational" }, input);
    }
  });

  it("publishes the challenge on the dedicated subhost", () => {
    assert.deepEqual(challengeRecord("example.com", "abc"), { host: "_sudomimus-challenge.example.com", type: "TXT", value: "sudomimus-domain-verification=abc" });
  });
});
