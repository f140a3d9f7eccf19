"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { CATEGORIES, CATEGORY_INFO, STATUSES, STATUS_INFO, type Category } from "@/lib/integrations/categories";
import { CLIENT_COMPATIBILITY, factsFor } from "@/lib/integrations/compatibility";
import { FIELD_INFO, type IntegrationField } from "@/lib/integrations/fields";
import { createIntegrationAction, updateIntegrationAction } from "@/lib/actions/integrations";
import { editedFields, rebase, toFormValues, type FormValues, type Rebased } from "./form-values";
import { displayValue } from "./display";
import type { DirectoryUser } from "./types";

type Props =
  | { mode: "create"; users: DirectoryUser[]; canReassign: true; initial?: Partial<FormValues> }
  | { mode: "edit"; id: string; version: number; initial: FormValues; users: DirectoryUser[]; canReassign: boolean };

export function IntegrationForm(props: Props) {
  const router = useRouter();
  const empty = toFormValues({ category: "api", status: "not_started", starttls: "none" });
  const [base, setBase] = useState<FormValues>(props.mode === "edit" ? props.initial : { ...empty, ...props.initial });
  const [values, setValues] = useState<FormValues>(base);
  const [version, setVersion] = useState(props.mode === "edit" ? props.version : 0);
  const [conflict, setConflict] = useState<Rebased["theirChanges"] | null>(null);
  const create = useAction(createIntegrationAction);
  const update = useAction(updateIntegrationAction);
  const { pending, error } = props.mode === "create" ? create : update;
  // The edit action nests the fields under "changes"; the form's fields are named without it.
  const fieldError = (k: string) => (props.mode === "create" ? create.fieldError(k) : (update.fieldError(`changes.${k}`) ?? update.fieldError(k)));
  const set = (k: IntegrationField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const category = values.category as Category;
  const facts = factsFor(values.clientSoftware);
  const show = (k: IntegrationField, v: string) => displayValue(k, v, (id) => props.users.find((u) => u.id === id)?.name) || "(empty)";

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (props.mode === "create") {
      create.run(values, (r) => router.push(`/integrations/${r.id}`));
      return;
    }
    const changes = Object.fromEntries(editedFields(values, base).map((k) => [k, values[k]]));
    update.run(
      { id: props.id, changes: { ...changes, version } },
      () => {
        router.push(`/integrations/${props.id}`);
        router.refresh();
      },
      (err) => {
        if (err.status !== 409 || !err.current) return;
        const current = err.current as Record<string, unknown> & { version: number };
        const rebased = rebase(values, base, toFormValues(current));
        setBase(toFormValues(current));
        setValues(rebased.values);
        setVersion(current.version);
        setConflict(rebased.theirChanges);
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      {conflict ? (
        <Alert kind="warning" title="Someone else saved this integration while you were editing">
          <p>Nothing was overwritten. Their changes:</p>
          <ul className="mt-1 list-disc pl-5" data-testid="conflict-changes">
            {conflict.map((c) => (
              <li key={c.field}>
                {FIELD_INFO[c.field].label}: “{show(c.field, c.from)}” → “{show(c.field, c.to)}”
                {c.alsoYours ? " (you changed this too: your value is kept in the form)" : ""}
              </li>
            ))}
          </ul>
          <p className="mt-1">The form now shows their values plus your edits. Save again to apply your edits on top.</p>
        </Alert>
      ) : null}
      {error && error.status !== 409 ? <Alert kind="error">{error.fields ? "Some fields need attention: see the messages below them." : error.message}</Alert> : null}

      <div className="grid gap-4 md:grid-cols-2">
        <Field label={FIELD_INFO.name.label} htmlFor="name" error={fieldError("name")}>
          <Input id="name" value={values.name} onChange={set("name")} error={fieldError("name")} />
        </Field>
        <Field label={FIELD_INFO.category.label} htmlFor="category" error={fieldError("category")}>
          <Select id="category" value={values.category} onChange={set("category")}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_INFO[c].label}
              </option>
            ))}
          </Select>
        </Field>
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 md:col-span-2" data-testid="category-help">
          {CATEGORY_INFO[category]?.help}
        </p>
        <Field label={FIELD_INFO.ownerId.label} htmlFor="ownerId" hint={props.canReassign ? "Who sees it through." : "Only an admin can change the owner."} error={fieldError("ownerId")}>
          <Select id="ownerId" value={values.ownerId} onChange={set("ownerId")} disabled={!props.canReassign}>
            <option value="">No owner</option>
            {props.users
              .filter((u) => !u.disabled || u.id === values.ownerId)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
          </Select>
        </Field>
        <Field label={FIELD_INFO.status.label} htmlFor="status" error={fieldError("status")}>
          <Select id="status" value={values.status} onChange={set("status")}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_INFO[s].label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={FIELD_INFO.vendor.label} htmlFor="vendor" error={fieldError("vendor")}>
          <Input id="vendor" value={values.vendor} onChange={set("vendor")} error={fieldError("vendor")} />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label={FIELD_INFO.clientSoftware.label} htmlFor="clientSoftware" error={fieldError("clientSoftware")}>
            <Input id="clientSoftware" list="client-software" value={values.clientSoftware} onChange={set("clientSoftware")} error={fieldError("clientSoftware")} />
          </Field>
          <Field label={FIELD_INFO.clientVersion.label} htmlFor="clientVersion" error={fieldError("clientVersion")}>
            <Input id="clientVersion" list="client-versions" value={values.clientVersion} onChange={set("clientVersion")} error={fieldError("clientVersion")} />
          </Field>
          <datalist id="client-software">
            {CLIENT_COMPATIBILITY.map((c) => (
              <option key={c.software} value={c.software} />
            ))}
          </datalist>
          <datalist id="client-versions">
            {(facts?.versions ?? []).map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </div>
        {facts ? (
          <div className="rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-blue-950 md:col-span-2" data-testid="client-facts">
            <p className="font-medium">{facts.software} and TLS 1.1+</p>
            {facts.compatible ? <p>Works: {facts.compatible}</p> : null}
            {facts.needsChange ? <p>Needs a change: {facts.needsChange}</p> : null}
            {facts.notes ? <p>{facts.notes}</p> : null}
          </div>
        ) : null}
      </div>

      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium text-slate-800">Endpoint (optional: what a probe connects to)</legend>
        <div className="grid gap-4 md:grid-cols-4">
          <Field label="Host" htmlFor="endpointHost" className="md:col-span-2" hint="A host name or IP, without https:// or a path." error={fieldError("endpointHost")}>
            <Input id="endpointHost" value={values.endpointHost} onChange={set("endpointHost")} placeholder="sso.example.com" error={fieldError("endpointHost")} />
          </Field>
          <Field label={FIELD_INFO.endpointPort.label} htmlFor="endpointPort" hint="443 when empty; 25 with STARTTLS." error={fieldError("endpointPort")}>
            <Input id="endpointPort" inputMode="numeric" value={values.endpointPort} onChange={set("endpointPort")} error={fieldError("endpointPort")} />
          </Field>
          <Field label={FIELD_INFO.starttls.label} htmlFor="starttls" error={fieldError("starttls")}>
            <Select id="starttls" value={values.starttls} onChange={set("starttls")}>
              <option value="none">None (TLS at once)</option>
              <option value="smtp">SMTP</option>
            </Select>
          </Field>
          <Field label={FIELD_INFO.sni.label} htmlFor="sni" className="md:col-span-2" hint="Only when it differs from the host." error={fieldError("sni")}>
            <Input id="sni" value={values.sni} onChange={set("sni")} error={fieldError("sni")} />
          </Field>
        </div>
      </fieldset>

      <Field label={FIELD_INFO.notes.label} htmlFor="notes" error={fieldError("notes")}>
        <Textarea id="notes" rows={4} value={values.notes} onChange={set("notes")} error={fieldError("notes")} />
      </Field>

      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : props.mode === "create" ? "Add integration" : "Save changes"}
        </Button>
        <Button variant="ghost" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
