// POST /connect-api/info (docs 17; connect.yaml `info`): an application's
// public profile — localized name and the token-signing public key.
import { findApplicationByAnchor } from "@/db/queries/applications";
import { fail, invalid } from "../errors";
import type { Deps } from "../runtime";
import { isAnchor } from "./anchor";

/** The name for a BCP 47 locale: exact tag, then same language, then the default locale, then any. */
export function localizedName(names: Record<string, string>, defaultLocale: string, locale: string): string {
  const wanted = locale.toLowerCase();
  const entries = Object.entries(names);
  return (
    entries.find(([tag]) => tag.toLowerCase() === wanted)?.[1] ??
    entries.find(([tag]) => tag.toLowerCase().split("-")[0] === wanted.split("-")[0])?.[1] ??
    names[defaultLocale] ??
    entries[0]?.[1] ??
    ""
  );
}

export async function applicationInfo(deps: Pick<Deps, "db">, input: { applicationAnchor: string; locale: string }) {
  if (!isAnchor(input.applicationAnchor)) throw invalid("applicationAnchor", "applicationAnchor must be lowercase kebab-case, 3-64 characters.");
  const application = await findApplicationByAnchor(deps.db, input.applicationAnchor);
  if (!application) fail("ApplicationNotFound", { message: "No application has this anchor." });
  return {
    applicationAnchor: application.anchor,
    applicationName: localizedName(application.names, application.defaultLocale, input.locale),
    applicationPublicKey: application.tokenSigningPublicKey,
  };
}
