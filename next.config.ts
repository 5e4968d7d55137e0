import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const config: NextConfig = {
  poweredByHeader: false,
  // Responses are small JSON and pages; compressing belongs to the reverse
  // proxy in front, not to the process that signs tokens.
  compress: false,
  // Loaded from node_modules at run time: PGlite reads its WASM and data files
  // relative to its own package; the drivers must not be bundled twice.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "nodemailer"],
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default withNextIntl(config);
