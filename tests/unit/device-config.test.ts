import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, parseConfig } from "@/lib/config";
import { tempDir } from "../support/temp-dir";

const dir = () => tempDir("sudomimus-device-config");

describe("device authorization settings", () => {
  it("default to the docs' 600 s lifetime and RFC 8628's 5 s interval", () => {
    assert.deepEqual(parseConfig({ SUDOMIMUS_DATA_DIR: dir() }).device, { codeTtlSeconds: 600, pollIntervalSeconds: 5 });
  });

  it("can be changed", () => {
    const config = parseConfig({ SUDOMIMUS_DATA_DIR: dir(), SUDOMIMUS_DEVICE_CODE_TTL_SECONDS: "900", SUDOMIMUS_DEVICE_POLL_INTERVAL_SECONDS: "2" });
    assert.deepEqual(config.device, { codeTtlSeconds: 900, pollIntervalSeconds: 2 });
  });

  it("refuse values that are not whole seconds in range, naming the setting", () => {
    for (const [name, value] of [
      ["SUDOMIMUS_DEVICE_CODE_TTL_SECONDS", "0"],
      ["SUDOMIMUS_DEVICE_CODE_TTL_SECONDS", "ten"],
      ["SUDOMIMUS_DEVICE_CODE_TTL_SECONDS", "86400"],
      ["SUDOMIMUS_DEVICE_POLL_INTERVAL_SECONDS", "0"],
      ["SUDOMIMUS_DEVICE_POLL_INTERVAL_SECONDS", "2.5"],
      ["SUDOMIMUS_DEVICE_POLL_INTERVAL_SECONDS", "61"],
    ] as const) {
      assert.throws(
        () => parseConfig({ SUDOMIMUS_DATA_DIR: dir(), [name]: value }),
        (error: unknown) => error instanceof ConfigError && error.message.includes(name),
        `${name}=${value}`,
      );
    }
  });
});
