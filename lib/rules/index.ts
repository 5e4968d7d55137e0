// The three-layer rules engine: pure functions over validated rules, no I/O.
// Layer 1 decides which methods may authenticate, Layer 2 which identities
// may realize, Layer 3 how the result is delivered; each is allowlist-only
// with default-deny, OR within a source and AND across sources.
export * from "./vocabulary";
export * from "./limits";
export * from "./schemas";
export * from "./combine";
export * from "./email-glob";
export * from "./layer1";
export * from "./layer2";
export * from "./callback-host";
export * from "./layer3";
export * from "./oidc-client-config";
export * from "./ttl";
export * from "./templates";
export * from "./url-checks";
