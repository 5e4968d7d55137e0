// The login policy names of the docs (22), shared by the lib and the portal's
// client components (no server code here).
export const LOGIN_POLICIES = ["ALLOW_ALL", "BLOCK_ALL", "SSO_ONLY"] as const;
export type LoginPolicy = (typeof LOGIN_POLICIES)[number];
