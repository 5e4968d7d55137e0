// The address of the peer a request came from, for rate limits. The API fast
// path (lib/server/node-bridge.ts) writes it into a header of its own after
// removing any value the client sent. Only the fast-path surfaces
// (/connect-api, /device-api, /native-api) can rely on it: a request that
// reaches Next.js directly (pages, /via/api, `next dev`) carries whatever the
// client put there.
export const CLIENT_ADDRESS_HEADER = "x-sudomimus-client-address";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
}
