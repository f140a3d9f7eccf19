// The parts of a stacked verdict bar, in the order they stack, with what people read. Client-safe:
// the charts, their tables and the CSV all name them from here. A ready verdict is split by its
// basis (a declaration is not proof), so a new basis in READY_BASES becomes a new segment.
import { READY_BASES, READY_BASIS_INFO, VERDICT_INFO, type ReadyBasis, type Verdict } from "@/lib/readiness/verdict";

export type Segment = `ready_${ReadyBasis}` | Exclude<Verdict, "ready" | "retired">;

export const SEGMENTS: readonly Segment[] = [
  ...READY_BASES.map((b) => `ready_${b}` as const),
  "not_ready",
  "certificate",
  "unreachable",
  "blocked",
  "not_probed",
  "unverified",
];

export function segmentLabel(s: Segment): string {
  return s.startsWith("ready_") ? READY_BASIS_INFO[s.slice(6) as ReadyBasis].label : VERDICT_INFO[s as Verdict].label;
}

/** The segments of one snapshot row's verdict and basis counts. */
export function segmentsOf(verdicts: Record<string, number>, bases: Record<string, number>): Record<Segment, number> {
  return Object.fromEntries(SEGMENTS.map((s) => [s, s.startsWith("ready_") ? Number(bases[s.slice(6)] ?? 0) : Number(verdicts[s] ?? 0)])) as Record<Segment, number>;
}
