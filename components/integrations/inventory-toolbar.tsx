"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { MultiSelect } from "@/components/ui/multi-select";
import { CATEGORY_OPTIONS, STATUSES, STATUS_INFO, type Category, type Status } from "@/lib/integrations/categories";
import { PAGE_SIZES } from "@/lib/integrations/list-options";
import { VERDICT_FILTERS, verdictFilterLabel, type VerdictFilter } from "@/lib/readiness/verdict";
import type { DirectoryUser, InventoryAbilities } from "./types";
import { ColumnPicker } from "./column-picker";
import { useTableUrl } from "./use-table-url";

const list = (v: string | null) => (v ? v.split(",").filter(Boolean) : []);

export function InventoryToolbar({ users, abilities, exportQuery }: { users: DirectoryUser[]; abilities: InventoryAbilities; exportQuery: string }) {
  const { params, update, pending } = useTableUrl();
  const urlQ = params.get("q") ?? "";
  const [q, setQ] = useState(urlQ);
  // When the address changes from outside (Clear the filters, back button), the box follows it.
  // The search this box sent itself arrives later: by then the person may have typed on, and
  // what they typed is kept.
  const [seenUrlQ, setSeenUrlQ] = useState(urlQ);
  const [sent, setSent] = useState<string | null>(null);
  if (urlQ !== seenUrlQ) {
    setSeenUrlQ(urlQ);
    if (urlQ !== sent) setQ(urlQ);
  }

  // Search as the person types, without a request per keystroke.
  useEffect(() => {
    if (urlQ === q) return;
    const timer = setTimeout(() => {
      setSent(q);
      update({ q });
    }, 300);
    return () => clearTimeout(timer);
  }, [q, urlQ, update]);

  return (
    <div className="mb-3 flex flex-wrap items-center gap-2" aria-busy={pending}>
      <Input
        type="search"
        aria-label="Search name, vendor, host, notes"
        placeholder="Search name, vendor, host, notes…"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        className="w-72"
      />
      <MultiSelect<Category>
        label="Category"
        options={CATEGORY_OPTIONS}
        selected={list(params.get("category")) as Category[]}
        onChange={(v) => update({ category: v.join(",") })}
      />
      <MultiSelect<Status>
        label="Status"
        options={STATUSES.map((s) => ({ value: s, label: STATUS_INFO[s].label }))}
        selected={list(params.get("status")) as Status[]}
        onChange={(v) => update({ status: v.join(",") })}
      />
      <MultiSelect<VerdictFilter>
        label="Verdict"
        options={VERDICT_FILTERS.map((v) => ({ value: v, label: verdictFilterLabel(v) }))}
        selected={list(params.get("verdict")) as VerdictFilter[]}
        onChange={(v) => update({ verdict: v.join(",") })}
      />
      <Select aria-label="Owner" value={params.get("owner") ?? ""} onChange={(e) => update({ owner: e.target.value })} className="w-44">
        <option value="">Any owner</option>
        <option value="me">Mine</option>
        <option value="none">No owner</option>
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </Select>
      <Select aria-label="Endpoint" value={params.get("endpoint") ?? ""} onChange={(e) => update({ endpoint: e.target.value })} className="w-40">
        <option value="">Endpoint: any</option>
        <option value="yes">Endpoint: yes</option>
        <option value="no">Endpoint: none</option>
      </Select>
      {pending ? <span className="text-xs text-slate-500" role="status">Loading…</span> : null}
      <div className="ml-auto flex flex-wrap items-center gap-2">
        <ColumnPicker hidden={(params.get("hide") ?? "").split(",").filter(Boolean)} onChange={(h) => update({ hide: h.join(",") }, { resetPage: false })} />
        <Select aria-label="Rows per page" value={params.get("pageSize") ?? "50"} onChange={(e) => update({ pageSize: e.target.value })} className="w-32">
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n} per page
            </option>
          ))}
        </Select>
        <a className={buttonClass("secondary")} href={`/api/v1/integrations/export${exportQuery ? `?${exportQuery}` : ""}`} download>
          Export CSV
        </a>
        {abilities.import ? (
          <Link className={buttonClass("secondary")} href="/integrations/import">
            Import CSV
          </Link>
        ) : null}
        {abilities.create ? (
          <Link className={buttonClass("primary")} href="/integrations/new">
            Add integration
          </Link>
        ) : null}
      </div>
    </div>
  );
}
