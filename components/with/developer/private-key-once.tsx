"use client";
// The client-auth private key, shown exactly once: right after the action that
// generated it returned it. It lives only in this component's memory — the
// server keeps the public half only — so a reload cannot show it again. The
// download is built in the browser from that value.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert } from "@/components/ui/alert";

export function PrivateKeyOnce({ anchor, privateKey }: { anchor: string; privateKey: string }) {
  const t = useTranslations("withDeveloper.privateKey");
  const download = () => {
    const url = URL.createObjectURL(new Blob([privateKey], { type: "application/x-pem-file" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${anchor}-client-auth-private-key.pem`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <section aria-labelledby="private-key-title" className="rounded-xl border border-amber-300 bg-white p-5 dark:border-amber-800 dark:bg-slate-900">
      <h3 id="private-key-title" className="text-base font-semibold text-slate-900 dark:text-white">
        {t("title")}
      </h3>
      <Alert tone="warning" className="mt-3">
        {t("warning")}
      </Alert>
      <label htmlFor="private-key-value" className="mt-4 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {t("label")}
      </label>
      <textarea
        id="private-key-value"
        readOnly
        value={privateKey}
        rows={8}
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-1.5 block w-full resize-y rounded-lg border border-slate-300 bg-slate-50 p-3 font-mono text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200"
      />
      <div className="mt-3 flex flex-wrap items-start gap-2">
        <CopyButton value={privateKey} label={t("copy")} />
        <Button variant="secondary" size="sm" fullWidth={false} onClick={download}>
          {t("download")}
        </Button>
      </div>
    </section>
  );
}
