// After the load: was anything lost? Every 200 write must be in the database (its version is one
// step of the row's history, the row ends at the last one, and the audit log or the tick history
// holds each of them), and every 409 must have been a real conflict (the version sent had been
// moved by another client's acknowledged write).
import pg from "pg";

export interface Write {
  kind: "edit" | "tick";
  id: string;
  /** The version the client sent, and the one the 200 answered with. */
  sent: number;
  version: number;
  /** The notes an edit wrote, or whether a tick ticked or unticked. */
  value: string | boolean;
}

export interface Conflict {
  kind: "edit" | "tick";
  id: string;
  sent: number;
  /** The version error.current carried. */
  current: number | null;
}

export async function verifyWrites(url: string, writes: Write[], conflicts: Conflict[], initial: Map<string, number>): Promise<{ lines: string[]; lost: number; unreal: number }> {
  const lines: string[] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let lost = 0;
  const problems: string[] = [];
  const lose = (why: string) => {
    lost += 1;
    if (problems.length < 10) problems.push(why);
  };
  try {
    const byRow = new Map<string, Write[]>();
    for (const w of writes) byRow.set(w.id, [...(byRow.get(w.id) ?? []), w]);
    const editIds = [...new Set(writes.filter((w) => w.kind === "edit").map((w) => w.id))];
    const tickIds = [...new Set(writes.filter((w) => w.kind === "tick").map((w) => w.id))];
    const integrations = new Map(
      (await client.query<{ id: string; version: number; notes: string }>(`SELECT id::text AS id, version, notes FROM integrations WHERE id = ANY($1::uuid[])`, [editIds])).rows.map((r) => [r.id, r]),
    );
    const items = new Map(
      (await client.query<{ id: string; version: number; done: boolean }>(`SELECT id::text AS id, version, done FROM checklist_items WHERE id = ANY($1::uuid[])`, [tickIds])).rows.map((r) => [r.id, r]),
    );
    const audited = new Map<string, number>();
    for (const r of (
      await client.query<{ notes: string }>(`SELECT after->>'notes' AS notes FROM audit_log WHERE action = 'integration.update' AND entity_id = ANY($1::text[])`, [editIds])
    ).rows) {
      audited.set(r.notes, (audited.get(r.notes) ?? 0) + 1);
    }
    const ticks = new Map<string, boolean[]>();
    for (const r of (await client.query<{ item: string; done: boolean }>(`SELECT t.item_id::text AS item, t.done FROM checklist_ticks t WHERE t.item_id = ANY($1::uuid[]) ORDER BY t.id`, [tickIds])).rows) {
      ticks.set(r.item, [...(ticks.get(r.item) ?? []), r.done]);
    }

    for (const [id, list] of byRow) {
      const sorted = [...list].sort((a, b) => a.version - b.version);
      const start = initial.get(id) ?? 1;
      // One acknowledged write per version, each from the one before it, from the seed's version on.
      sorted.forEach((w, i) => {
        if (w.version !== start + i + 1 || w.sent !== w.version - 1) lose(`${w.kind} of ${id}: answered version ${w.version} for version ${w.sent} (expected ${start + i + 1})`);
      });
      const last = sorted[sorted.length - 1];
      if (last.kind === "edit") {
        const row = integrations.get(id);
        if (!row || row.version !== last.version || row.notes !== last.value) lose(`integration ${id} ends at version ${row?.version} "${row?.notes}", not the last acknowledged edit (${last.version} "${last.value}")`);
        for (const w of sorted) {
          const seen = audited.get(w.value as string) ?? 0;
          if (seen !== 1) lose(`edit "${w.value}" of ${id} has ${seen} audit entries`);
        }
      } else {
        const row = items.get(id);
        if (!row || row.version !== last.version || row.done !== last.value) lose(`item ${id} ends at version ${row?.version} done=${row?.done}, not the last acknowledged tick (${last.version} done=${last.value})`);
        const history = ticks.get(id) ?? [];
        if (history.join() !== sorted.map((w) => w.value).join()) {
          lose(`item ${id}: tick history ${history.join()} is not the acknowledged ticks ${sorted.map((w) => `${w.sent}->${w.version}:${w.value}`).join()}`);
        }
      }
    }

    // A 409 is real when the version sent had been moved by an acknowledged write.
    const moved = new Set(writes.map((w) => `${w.id}@${w.sent}`));
    const unreal = conflicts.filter((c) => c.current === null || c.current <= c.sent || !moved.has(`${c.id}@${c.sent}`));
    const count = (kind: string, xs: { kind: string }[]) => xs.filter((x) => x.kind === kind).length;
    lines.push(
      `Writes: ${count("edit", writes)} edits and ${count("tick", writes)} ticks answered 200; ${count("edit", conflicts)} edits and ${count("tick", conflicts)} ticks answered 409.`,
      `Lost updates: ${lost} (every 200 checked against the row, its version history and its audit entry or tick history).`,
      `409s that were not real conflicts: ${unreal.length} of ${conflicts.length}.`,
      ...problems.map((p) => `  lost: ${p}`),
      ...unreal.slice(0, 5).map((c) => `  unreal 409: ${c.kind} of ${c.id} sent version ${c.sent}, current ${c.current}`),
    );
    return { lines, lost, unreal: unreal.length };
  } finally {
    await client.end();
  }
}
