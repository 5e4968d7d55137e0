// A portal page's dynamic URL segment as the thing it names. The pages get
// the segment as the address bar spelled it, so it is decoded here once; an
// address no portal link produces (a broken escape, or for an anchor
// anything that cannot be one — a NUL, say) names nothing, and the page
// answers its 404 instead of looking it up.
import { isAnchor } from "../applications/anchor";

export function urlParam(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** An organization's or application's anchor from the URL; null when the segment cannot be one. */
export function anchorParam(raw: string): string | null {
  const decoded = urlParam(raw);
  return isAnchor(decoded) ? decoded : null;
}
