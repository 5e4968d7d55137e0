// Why the sign-in page shows a notice after an upstream round trip (a
// federation IdP, Google, GitHub, Discord) came back without a sign-in: its
// `upstream` (which provider) and `notice` query parameters, from fixed lists
// only. Kept free of runtime imports so the page can read it cheaply.
import type { Deps } from "../runtime";

export const UPSTREAM_NOTICES = ["cancelled", "failed", "unavailable", "notAllowed", "blocked", "ssoRequired", "notInOrganization"] as const;
export type UpstreamNotice = (typeof UPSTREAM_NOTICES)[number];

export interface UpstreamNoticeRef {
  /** "enterprise-federation" or a consumer provider ("google", …). */
  provider: string;
  why: UpstreamNotice;
}

export function signInPageUrl(deps: Pick<Deps, "config">, exposureKey: string, notice?: UpstreamNoticeRef): string {
  const base = `${deps.config.publicUrl}/via?exposure-key=${encodeURIComponent(exposureKey)}`;
  return notice ? `${base}&upstream=${encodeURIComponent(notice.provider)}&notice=${notice.why}` : base;
}

export function readUpstreamNotice(params: Record<string, string | string[] | undefined>): UpstreamNoticeRef | null {
  const why = UPSTREAM_NOTICES.find((notice) => notice === params.notice);
  return why && typeof params.upstream === "string" ? { provider: params.upstream, why } : null;
}
