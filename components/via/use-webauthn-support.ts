"use client";

// Whether this browser can do passkeys. The server cannot know, so it renders
// as if it could (almost every browser can) and the client corrects that
// after hydration without a mismatch.
import { useSyncExternalStore } from "react";
import { browserSupportsWebAuthn } from "@simplewebauthn/browser";

const never = () => () => {};

export function useWebAuthnSupport(): boolean {
  return useSyncExternalStore(never, browserSupportsWebAuthn, () => true);
}
