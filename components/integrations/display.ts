import { CATEGORY_INFO, STATUS_INFO, type Category, type Status } from "@/lib/integrations/categories";

/** A field's value as people read it: labels for categories and statuses, names for owners. */
export function displayValue(field: string, value: unknown, names: (id: string) => string | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const v = String(value);
  if (field === "ownerId") return names(v) ?? "a removed user";
  if (field === "status") return STATUS_INFO[v as Status]?.label ?? v;
  if (field === "category") return CATEGORY_INFO[v as Category]?.label ?? v;
  if (field === "starttls") return v === "smtp" ? "SMTP" : "none";
  return v;
}
