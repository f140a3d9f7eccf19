// The integration form's values as strings, and the three-way merge that keeps a person's edits
// when someone else saved first.
import { INTEGRATION_FIELDS, type IntegrationField } from "@/lib/integrations/fields";
export type FormValues = Record<IntegrationField, string>;

export function toFormValues(row: { [K in IntegrationField]?: unknown } | Record<string, unknown>): FormValues {
  const r = row as Record<string, unknown>;
  return Object.fromEntries(INTEGRATION_FIELDS.map((k) => [k, r[k] === null || r[k] === undefined ? "" : String(r[k])])) as FormValues;
}

/** The fields the person changed since `base`. */
export function editedFields(values: FormValues, base: FormValues): IntegrationField[] {
  return INTEGRATION_FIELDS.filter((k) => values[k] !== base[k]);
}

export interface Rebased {
  values: FormValues;
  /** Fields the other person changed: what they now hold, and whether this person changed them too. */
  theirChanges: { field: IntegrationField; from: string; to: string; alsoYours: boolean }[];
}

/**
 * After a 409: fields this person did not touch take the current values; fields they edited keep
 * their edit, and the ones the other person also changed are flagged.
 */
export function rebase(values: FormValues, base: FormValues, current: FormValues): Rebased {
  const mine = new Set(editedFields(values, base));
  const theirChanges = INTEGRATION_FIELDS.filter((k) => current[k] !== base[k]).map((k) => ({ field: k, from: base[k], to: current[k], alsoYours: mine.has(k) }));
  const next = { ...values };
  for (const k of INTEGRATION_FIELDS) if (!mine.has(k)) next[k] = current[k];
  return { values: next, theirChanges };
}
