// The device page's calls to via's JSON endpoints (lib/device/lookup.ts,
// lib/device/decide.ts), on the same footing as the sign-in card's.
import type { DeviceDecision } from "@/lib/device/decide";
import type { DeviceLookup } from "@/lib/device/lookup";
import { callVia } from "../via-api";

export const deviceApi = {
  lookup: (userCode: string) => callVia<DeviceLookup>("device/lookup", { userCode }),
  decide: (exposureKey: string, decision: "approve" | "deny") => callVia<DeviceDecision>("device/decide", { exposureKey, decision }),
};
