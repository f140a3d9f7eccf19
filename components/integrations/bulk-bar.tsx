"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { STATUSES, STATUS_INFO } from "@/lib/integrations/categories";
import { bulkIntegrationsAction } from "@/lib/actions/integrations";
import { probeManyAction } from "@/lib/actions/probes";
import type { DirectoryUser, InventoryAbilities } from "./types";
import { useTableUrl } from "./use-table-url";

const FILTER_KEYS = ["q", "category", "status", "owner", "endpoint", "verdict"] as const;

/** Acts on the selected rows, or on every row matching the current filter. */
export function BulkBar(props: {
  selectedIds: string[];
  allMatching: boolean;
  total: number;
  pageFullySelected: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  users: DirectoryUser[];
  abilities: InventoryAbilities;
}) {
  const router = useRouter();
  const { params } = useTableUrl();
  const { run, pending, error, clearError } = useAction(bulkIntegrationsAction);
  const probes = useAction(probeManyAction);
  const [done, setDone] = useState<string | null>(null);
  const count = props.allMatching ? props.total : props.selectedIds.length;
  if (count === 0 && !done && !error && !probes.error) return null;

  function target() {
    if (!props.allMatching) return { ids: props.selectedIds };
    const filter = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v));
    return { filter };
  }

  function apply(action: "set_owner" | "set_status" | "delete", extra: Record<string, unknown>, verb: string) {
    if (action !== "delete" && !window.confirm(`${verb} ${count} integration${count === 1 ? "" : "s"}?`)) return;
    setDone(null);
    clearError();
    run({ action, ...target(), ...extra }, (r) => {
      setDone(`${verb} ${r.changed} of ${r.matched} integrations.`);
      props.onClear();
      router.refresh();
    });
  }

  return (
    <div className="mb-3 space-y-2">
      {count > 0 ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-blue-200 bg-blue-50 px-4 py-2 text-sm" role="region" aria-label="Bulk actions">
          <span className="font-medium">
            {count} selected{props.allMatching ? " (every integration matching the filter)" : ""}
          </span>
          {props.pageFullySelected && !props.allMatching && props.total > props.selectedIds.length ? (
            <button type="button" className="text-blue-800 underline" onClick={props.onSelectAllMatching}>
              Select all {props.total} matching
            </button>
          ) : null}
          {props.abilities.reassign ? (
            <Select
              aria-label="Change owner of the selected"
              className="w-48"
              value=""
              disabled={pending}
              onChange={(e) => {
                const v = e.target.value;
                if (v) apply("set_owner", { ownerId: v === "none" ? null : v }, "Changed the owner of");
              }}
            >
              <option value="">Change owner…</option>
              <option value="none">No owner</option>
              {props.users
                .filter((u) => !u.disabled)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </Select>
          ) : null}
          {props.abilities.editSome ? (
            <Select
              aria-label="Change status of the selected"
              className="w-44"
              value=""
              disabled={pending}
              onChange={(e) => e.target.value && apply("set_status", { status: e.target.value }, "Changed the status of")}
            >
              <option value="">Change status…</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_INFO[s].label}
                </option>
              ))}
            </Select>
          ) : null}
          {props.abilities.probe ? (
            <Button
              size="sm"
              variant="secondary"
              disabled={probes.pending}
              onClick={() => {
                // A filter can match thousands: that many probes deserve a second look first.
                if (props.allMatching && !window.confirm(`Probe the endpoints of all ${count} matching integrations? Each with an endpoint is probed once.`)) return;
                const t = target();
                probes.run("ids" in t ? { integrationIds: t.ids } : { filter: t.filter }, (r) => router.push(`/probe-runs/${r.runId}`));
              }}
            >
              {probes.pending ? "Queuing…" : "Probe"}
            </Button>
          ) : null}
          {props.abilities.delete ? (
            <Button
              size="sm"
              variant="danger"
              disabled={pending}
              onClick={() => {
                if (window.confirm(`Delete ${count} integrations? Their history stays in the audit log, but they leave the inventory.`)) apply("delete", {}, "Deleted");
              }}
            >
              Delete
            </Button>
          ) : null}
          <button type="button" className="ml-auto text-slate-600 underline" onClick={props.onClear}>
            Clear selection
          </button>
          {pending ? <span role="status">Working…</span> : null}
        </div>
      ) : null}
      {error ? <Alert kind="error">{error.message}</Alert> : null}
      {probes.error ? <Alert kind="error">{probes.error.message}</Alert> : null}
      {done ? <Alert kind="success">{done}</Alert> : null}
    </div>
  );
}
