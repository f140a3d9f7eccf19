import type { ReactNode } from "react";
import { Field, Select } from "./field";

export interface FilterOption {
  value: string;
  label: ReactNode;
}

/**
 * One labelled choice of a GET filter form (the board, the charts, the audit log): the empty
 * value first, meaning "no filter" in the words `any` gives, then the options.
 */
export function FilterSelect({ id, name, label, value, any, options, className }: {
  id: string;
  name: string;
  label: ReactNode;
  /** The value in the URL now (none: the "any" choice). */
  value: string | undefined;
  any: string;
  options: FilterOption[];
  className?: string;
}) {
  return (
    <Field label={label} htmlFor={id}>
      <Select id={id} name={name} defaultValue={value ?? ""} className={className}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
