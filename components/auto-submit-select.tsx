"use client";

export function AutoSubmitSelect(props: {
  id: string;
  name: string;
  defaultValue: string;
  className?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <select
      id={props.id}
      name={props.name}
      defaultValue={props.defaultValue}
      className={props.className}
      onChange={(event) => event.currentTarget.form?.requestSubmit()}
    >
      {props.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
