"use client";

// Shown when an action needs a recent sign-in (adding a passkey or an
// address, erasing the account, a new client key, secret or access key): one
// button signs in again (POST /with/confirm) and comes back to this page.
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/with/portal-ui";

/** The message key an action answers when this browser's sign-in is not recent enough. */
export const RECENT_SIGN_IN_REQUIRED = "recentSignInRequired";

export function ConfirmItsYou({ returnTo }: { returnTo?: string }) {
  const t = useTranslations("withAccount.confirm");
  const here = usePathname();
  return (
    <Notice tone="warning">
      <p>{t("body")}</p>
      <form method="post" action="/with/confirm" className="mt-3">
        <input type="hidden" name="return" value={returnTo ?? here} />
        <Button type="submit" size="sm" fullWidth={false}>
          {t("button")}
        </Button>
      </form>
    </Notice>
  );
}
