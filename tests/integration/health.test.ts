import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { requireServer } from "../support/env";

const base = requireServer();

describe("health endpoints", () => {
  for (const service of ["connect-api", "device-api", "native-api"]) {
    it(`GET /${service}/health answers the spec's HealthResponse`, async () => {
      const response = await fetch(`${base}/${service}/health`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /application\/json/);
      const body = (await response.json()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body).sort(), ["ready", "service", "version"]);
      assert.equal(body.ready, true);
      assert.equal(body.service, service);
      assert.match(String(body.version), /^\d+\.\d+\.\d+/);
    });
  }
});

describe("malformed requests to API surfaces", () => {
  it("an unknown path answers a JSON 404", async () => {
    for (const service of ["connect-api", "device-api", "native-api"]) {
      const response = await fetch(`${base}/${service}/no-such-endpoint`, { method: "POST", body: "{" });
      assert.equal(response.status, 404);
      assert.deepEqual(await response.json(), { reason: "NotFound", message: "No such endpoint." });
    }
  });

  it("a wrong method answers a JSON 405 with Allow", async () => {
    const response = await fetch(`${base}/connect-api/health`, { method: "POST", body: "{}" });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get("allow"), "GET");
    assert.equal(((await response.json()) as { reason: string }).reason, "MethodNotAllowed");
  });

  it("responses carry the security headers", async () => {
    const response = await fetch(`${base}/connect-api/health`);
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.equal(response.headers.get("referrer-policy"), "no-referrer");
    assert.equal(response.headers.get("x-powered-by"), null);
  });
});
