"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";

export interface IntegrationOption {
  id: string;
  name: string;
}

/** One click makes an integration from the finding; or pick an existing one and link it. */
export function LinkFinding({ kind, findingKey, label, options }: { kind: "client" | "user"; findingKey: string; label: string; options: IntegrationOption[] }) {
  const router = useRouter();
  const id = useId();
  const [target, setTarget] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function send(integrationId?: string) {
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch("/api/v1/login-history/links", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind, key: findingKey, integrationId }),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) setProblem(body?.error?.message ?? `The server answered ${res.status}.`);
      else if (!integrationId) router.push(`/integrations/${body.integrationId}`);
      else router.refresh();
    } catch {
      setProblem("Could not reach the server; check the connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <Button size="sm" disabled={busy} onClick={() => send()} aria-label={`Create integration from ${label}`}>
        Create integration
      </Button>
      {options.length ? (
        <>
          <label htmlFor={id} className="sr-only">
            Existing integration for {label}
          </label>
          <Select id={id} value={target} onChange={(e) => setTarget(e.currentTarget.value)} className="w-40 text-xs">
            <option value="">Link to…</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
          <Button size="sm" variant="secondary" disabled={busy || !target} onClick={() => send(target)} aria-label={`Link ${label} to the chosen integration`}>
            Link
          </Button>
        </>
      ) : null}
      {problem ? (
        <p role="alert" className="w-full text-right text-xs text-red-800">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
