// Where the portal may send a browser after signing in: only its own pages.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safePortalPath } from "../../lib/portal/portal-session";

describe("portal return paths", () => {
  it("keeps portal paths with their query", () => {
    for (const path of ["/with", "/with/profile", "/with/applications/acme-web?tab=rules", "/with?x=1"]) assert.equal(safePortalPath(path), path);
  });
  it("turns anything else into the portal's front page", () => {
    for (const path of [null, undefined, "", "https://evil.example/with", "//evil.example/with", "/withdraw", "/via", "/with\\..\\x", "/with/ profile", "javascript:alert(1)"]) {
      assert.equal(safePortalPath(path), "/with", String(path));
    }
  });
});
