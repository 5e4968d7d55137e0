// One preference (language, theme) as a tiny form: it works without
// JavaScript (a submit button in <noscript>) and submits itself on change
// when scripts run.
import { getTranslations } from "next-intl/server";
import { AutoSubmitSelect } from "./auto-submit-select";

export async function PreferenceForm(props: {
  action: (form: FormData) => Promise<void>;
  returnTo: string;
  id: string;
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  const t = await getTranslations("common");
  return (
    <form action={props.action} className="flex items-center gap-2 text-sm">
      <input type="hidden" name="returnTo" value={props.returnTo} />
      <label htmlFor={props.id} className="text-slate-600 dark:text-slate-400">
        {props.label}
      </label>
      <AutoSubmitSelect
        id={props.id}
        name={props.name}
        defaultValue={props.value}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        options={props.options}
      />
      <noscript>
        <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700">
          {t("apply")}
        </button>
      </noscript>
    </form>
  );
}
