// /via/device[?user_code=XXXX-XXXX] — where the user approves a device's
// sign-in (docs 19 §2, device.yaml `verificationUri`/`verificationUriComplete`).
// The server only tidies the code from the link; looking it up, signing in
// and deciding run in the browser against via's JSON endpoints, which limit
// wrong codes per browser. The page never holds a device code or a token.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DeviceFlow } from "@/components/via/device/device-flow";
import { ViaHeader } from "@/components/via/via-header";
import { ViaMain } from "@/components/via/via-main";
import { normalizeUserCode } from "@/lib/device/user-code";
import { OTP_TTL_SECONDS } from "@/lib/identity/email-codes";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("device");
  return { title: t("metaTitle") };
}

export default async function DevicePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).user_code;
  const given = typeof raw === "string" ? raw.trim() : "";
  // Only a well-formed code is echoed back into the page.
  const code = normalizeUserCode(given) ?? "";
  return (
    <>
      <ViaHeader returnTo={code ? `/via/device?user_code=${encodeURIComponent(code)}` : "/via/device"} />
      <ViaMain>
        <DeviceFlow initialCode={code} linkInvalid={given !== "" && code === ""} codeMinutes={Math.round(OTP_TTL_SECONDS / 60)} />
      </ViaMain>
    </>
  );
}
