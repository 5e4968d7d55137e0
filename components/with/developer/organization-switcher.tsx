// Which of the caller's organizations a developer list page shows: a GET form
// on the page's own path (`?organization=<anchor>`, empty for all), submitted
// on change when scripts run and by its button when they do not.
import { getTranslations } from "next-intl/server";
import { AutoSubmitSelect } from "@/components/auto-submit-select";
import { inputClasses, inputStateClasses } from "@/components/ui/text-field";

export async function OrganizationSwitcher({ path, organizations, selected }: { path: string; organizations: { anchor: string; name: string }[]; selected: string | null }) {
  const t = await getTranslations("withDeveloper.switcher");
  return (
    <form action={path} method="get" className="flex flex-col gap-1.5 sm:flex-row sm:items-center sm:gap-3">
      <label htmlFor="organization-switcher" className="text-sm font-medium text-slate-800 dark:text-slate-200">
        {t("label")}
      </label>
      {/* Keyed: a client navigation to another organization must show it, not the first render's choice. */}
      <AutoSubmitSelect
        key={selected ?? ""}
        id="organization-switcher"
        name="organization"
        defaultValue={selected ?? ""}
        className={`${inputClasses} ${inputStateClasses(false)} sm:w-64`}
        options={[{ value: "", label: t("all") }, ...organizations.map((organization) => ({ value: organization.anchor, label: organization.name }))]}
      />
      <noscript>
        <button type="submit" className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium dark:border-slate-700">
          {t("show")}
        </button>
      </noscript>
    </form>
  );
}
