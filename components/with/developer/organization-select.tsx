"use client";
// Which of the caller's organizations a new resource goes to (a sector, a
// connector): a labelled select posted as `organization`.
import { inputClasses, inputStateClasses } from "@/components/ui/text-field";
import { DISABLED_INPUT } from "./organization-forms";

export function OrganizationSelect({
  id,
  label,
  organizations,
  disabled,
  className,
}: {
  id: string;
  label: string;
  organizations: { anchor: string; name: string }[];
  disabled?: boolean;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <select id={id} name="organization" disabled={disabled} className={`mt-1.5 ${inputClasses} ${inputStateClasses(false)} ${DISABLED_INPUT}`}>
        {organizations.map((organization) => (
          <option key={organization.anchor} value={organization.anchor}>
            {organization.name}
          </option>
        ))}
      </select>
    </div>
  );
}
