"use client";

// Shown when adding a passkey or an address needs a recent sign-in: one
// button signs in again (POST /with/confirm) and comes back to this page.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/with/portal-ui";

/** The message key an action answers when this browser's sign-in is not recent enough. */
export const RECENT_SIGN_IN_REQUIRED = "recentSignInRequired";

export function ConfirmItsYou({ returnTo }: { returnTo: string }) {
  const t = useTranslations("withAccount.confirm");
  return (
    <Notice tone="warning">
      <p>{t("body")}</p>
      <form method="post" action="/with/confirm" className="mt-3">
        <input type="hidden" name="return" value={returnTo} />
        <Button type="submit" size="sm" fullWidth={false}>
          {t("button")}
        </Button>
      </form>
    </Notice>
  );
}
