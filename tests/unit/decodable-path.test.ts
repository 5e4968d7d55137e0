// A page path Next.js could not percent-decode reaches it with its stray
// escapes escaped, so the page answers 404 instead of Next.js answering 500.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withDecodablePath } from "@/lib/server/decodable-path";

describe("paths handed to Next.js", () => {
  it("leaves a well-formed path and its query exactly as they came", () => {
    for (const url of ["/", "/with/organizations/acme", "/with/domains/acme/b%C3%BCcher.example?x=%E0", "/via?exposure-key=%E0%A4%A", "/with/organizations/ab%2563"]) {
      assert.equal(withDecodablePath(url), url);
    }
  });

  it("escapes the percent signs of a segment that does not decode, and only of that one", () => {
    assert.equal(withDecodablePath("/with/organizations/%E0%A4%A"), "/with/organizations/%25E0%25A4%25A");
    assert.equal(withDecodablePath("/with/domains/%E0/b%C3%BCcher.example/login-policy?tab=%E0"), "/with/domains/%25E0/b%C3%BCcher.example/login-policy?tab=%E0");
    assert.equal(withDecodablePath("/with/applications/50%/rules"), "/with/applications/50%25/rules");
    // What Next.js then decodes is the literal text the client sent.
    assert.equal(decodeURIComponent(withDecodablePath("/via/oauth/%ZZ/callback")), "/via/oauth/%ZZ/callback");
  });
});
