// Next.js answers 500 when a dynamic segment of a page's path does not
// percent-decode (`/with/organizations/%E0%A4%A`): its route matcher throws.
// Before a request reaches Next.js, the `%` of such a segment is escaped
// itself, so the segment reaches the page as the literal text the client
// sent — which names nothing, and the page answers its translated 404.
// Well-formed paths, and the query, are left exactly as they came.

export function withDecodablePath(url: string): string {
  const queryAt = url.indexOf("?");
  const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
  const segments = pathname.split("/");
  if (segments.every(decodes)) return url;
  const mended = segments.map((segment) => (decodes(segment) ? segment : segment.replaceAll("%", "%25"))).join("/");
  return queryAt < 0 ? mended : mended + url.slice(queryAt);
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}
