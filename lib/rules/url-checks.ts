// Syntactic checks on hostnames and URLs used by the Layer 3 schemas and the
// callback-host comparison. Plain predicates so both the schemas (write time)
// and the evaluators (run time) apply exactly the same definition.
import { MAX_HOSTNAME_LENGTH } from "./limits";

// One DNS label: letters, digits, inner hyphens, 1..63 characters. Anchored
// and without nested quantifiers, so it cannot backtrack badly.
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const DECIMAL_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

/** Parses an absolute URL; null instead of throwing. */
export function parseAbsoluteUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function isHttpUrl(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

/**
 * Whether `value` is a bare hostname an owner may list in
 * `allowedCallbackDomains`: a multi-label DNS name (any letter case), a
 * dotted-quad IPv4 address, or `localhost` — with no scheme, port, path,
 * userinfo or trailing dot. Anything else could never equal the `hostname`
 * that `new URL` produces, so storing it would only hide a typo.
 */
export function isBareHostname(value: string): boolean {
  if (value.length === 0 || value.length > MAX_HOSTNAME_LENGTH) return false;
  const host = value.toLowerCase();
  if (host === "localhost") return true;
  const labels = host.split(".");
  if (labels.length < 2 || !labels.every((label) => DNS_LABEL.test(label))) return false;
  // The URL parser reads a name whose last label is numeric as an IPv4
  // address (and rewrites shorthand like `1.2.3`), so only a canonical
  // dotted quad can ever match.
  const last = labels[labels.length - 1] ?? "";
  if (/^[0-9]+$/.test(last)) {
    return labels.length === 4 && labels.every((label) => DECIMAL_OCTET.test(label) && Number(label) <= 255);
  }
  return true;
}

/** An absolute http(s) URL that carries no `user:password@` part. */
export function isCredentialFreeHttpUrl(value: string): boolean {
  const url = parseAbsoluteUrl(value);
  return url !== null && isHttpUrl(url) && url.username === "" && url.password === "";
}

/**
 * An absolute http(s) URL with no fragment, as OIDC requires of redirect
 * URIs. Checked on the raw string: `new URL` drops an empty trailing `#`.
 */
export function isFragmentFreeHttpUrl(value: string): boolean {
  const url = parseAbsoluteUrl(value);
  return url !== null && isHttpUrl(url) && !value.includes("#");
}
