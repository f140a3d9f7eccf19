"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select, Textarea } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { REPROBE_INTERVALS, REPROBE_LABELS } from "@/lib/probes/settings-labels";
import { updateProbeSettingsAction } from "@/lib/actions/settings";

interface Initial {
  allowedRanges: string[];
  envRanges: string[];
  caBundle: string;
  reprobeInterval: string;
}

export function ProbeSettingsForm({ initial }: { initial: Initial }) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useAction(updateProbeSettingsAction);
  const [saved, setSaved] = useState(false);
  const [bundle, setBundle] = useState(initial.caBundle);
  const rangeError = Object.entries(error?.fields ?? {}).find(([k]) => k.startsWith("allowedRanges"))?.[1];

  return (
    <form
      className="space-y-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setSaved(false);
        run(
          {
            allowedRanges: String(form.get("allowedRanges") ?? "")
              .split(/[\s,]+/)
              .filter(Boolean),
            caBundle: bundle,
            reprobeInterval: String(form.get("reprobeInterval") ?? ""),
          },
          () => {
            setSaved(true);
            router.refresh();
          },
        );
      }}
    >
      {saved ? <Alert kind="success">Saved. Workers use the new settings within a few seconds.</Alert> : null}
      {error && !error.fields ? <Alert kind="error">{error.message}</Alert> : null}
      <Field
        label="Internal ranges probes may reach"
        htmlFor="allowedRanges"
        hint="One CIDR per line, e.g. 10.20.0.0/16. Loopback and private addresses are refused unless listed; link-local, cloud metadata, unspecified and multicast addresses are always refused."
        error={rangeError}
      >
        <Textarea id="allowedRanges" name="allowedRanges" rows={4} defaultValue={initial.allowedRanges.join("\n")} className="font-mono" error={rangeError} />
      </Field>
      {initial.envRanges.length ? (
        <p className="text-sm text-slate-600">
          Also allowed by the operator (PROBE_ALLOWED_RANGES): <span className="font-mono">{initial.envRanges.join(", ")}</span>
        </p>
      ) : null}
      <Field
        label="Extra trusted certificate authorities"
        htmlFor="caBundle"
        hint="PEM certificates of your internal CAs, trusted in addition to the public roots when judging endpoint certificates."
        error={fieldError("caBundle")}
      >
        <Textarea
          id="caBundle"
          name="caBundle"
          rows={6}
          value={bundle}
          onChange={(e) => setBundle(e.target.value)}
          className="font-mono text-xs"
          placeholder="-----BEGIN CERTIFICATE-----"
          error={fieldError("caBundle")}
        />
      </Field>
      <label className="-mt-3 block text-sm text-slate-700">
        Or load a PEM file:{" "}
        <input
          type="file"
          accept=".pem,.crt,.cer,application/x-pem-file"
          className="text-sm"
          aria-label="Load a CA bundle file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setBundle(await file.text());
          }}
        />
      </label>
      <Field label="Probe every endpoint again" htmlFor="reprobeInterval" hint="Scheduled runs probe every endpoint of an integration that is not retired." error={fieldError("reprobeInterval")}>
        <Select id="reprobeInterval" name="reprobeInterval" defaultValue={initial.reprobeInterval} className="w-56">
          {REPROBE_INTERVALS.map((v) => (
            <option key={v} value={v}>
              {REPROBE_LABELS[v]}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
