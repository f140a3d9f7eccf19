"use client";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { TemplateView } from "@/lib/checklists/templates";

export type TemplateValues = Pick<TemplateView, "title" | "guidance" | "required" | "verification" | "evidence"> & { automatic: boolean };

/** Reads the fields below from a submitted form. */
export function readTemplateForm(form: HTMLFormElement): TemplateValues {
  const data = new FormData(form);
  return {
    title: String(data.get("title") ?? ""),
    guidance: String(data.get("guidance") ?? ""),
    required: data.get("required") === "on",
    verification: data.get("verification") === "on",
    evidence: String(data.get("evidence") ?? "none") as TemplateValues["evidence"],
    automatic: data.get("automatic") === "on",
  };
}

/** The fields of a checklist item: shared by adding one and rewording one. */
export function TemplateFields({
  idPrefix,
  values,
  fieldError,
  allowAutomatic,
}: {
  idPrefix: string;
  values?: Partial<TemplateValues>;
  fieldError: (name: string) => string | undefined;
  /** Offer "ticked by a probe" (new items of a category a probe can test). */
  allowAutomatic?: boolean;
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="space-y-3">
      <Field label="Title" htmlFor={id("title")} error={fieldError("title")}>
        <Input id={id("title")} name="title" defaultValue={values?.title} error={fieldError("title")} />
      </Field>
      <Field label="Guidance" htmlFor={id("guidance")} hint="Shown beside the item: what to do, and the facts behind it." error={fieldError("guidance")}>
        <Textarea id={id("guidance")} name="guidance" rows={3} defaultValue={values?.guidance} error={fieldError("guidance")} />
      </Field>
      <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="required" defaultChecked={values?.required ?? true} className="size-4 accent-blue-700" /> Required
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="verification" defaultChecked={values?.verification ?? false} className="size-4 accent-blue-700" /> Verification item
        </label>
        {allowAutomatic ? (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="automatic" className="size-4 accent-blue-700" /> Ticked by a probe at the floor
          </label>
        ) : null}
      </div>
      {fieldError("automatic") ? <p className="text-sm text-red-700">{fieldError("automatic")}</p> : null}
      <Field label="Evidence a tick needs" htmlFor={id("evidence")} error={fieldError("evidence")}>
        <Select id={id("evidence")} name="evidence" defaultValue={values?.evidence ?? "none"} className="w-56" error={fieldError("evidence")}>
          <option value="none">None</option>
          <option value="note">A note (how it was verified)</option>
          <option value="link">A link (e.g. a report)</option>
        </Select>
      </Field>
    </div>
  );
}
