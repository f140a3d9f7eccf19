import type { Category, Status } from "@/lib/integrations/categories";
import type { ReadyBasis, Verdict } from "@/lib/readiness/verdict";
import type { userDirectory } from "@/lib/users/service";

/** One inventory row as the table receives it (serialisable, derived on the server). */
export interface InventoryRow {
  id: string;
  name: string;
  category: Category;
  status: Status;
  owner: { id: string; name: string } | null;
  vendor: string;
  client: string;
  endpoint: string | null;
  starttls: "none" | "smtp";
  updatedAt: string;
  canEdit: boolean;
  /** Whether any bulk action of this person applies to the row (members: their own). */
  selectable: boolean;
  verdict: Verdict;
  verdictReason: string;
  verdictBasis: ReadyBasis | null;
  warnings: string[];
}

/** A user as the directory lists them (to choose an owner or filter by one). */
export type DirectoryUser = Awaited<ReturnType<typeof userDirectory>>[number];

export interface InventoryAbilities {
  create: boolean;
  import: boolean;
  reassign: boolean;
  delete: boolean;
  /** May change status of at least some rows (members: their own). */
  editSome: boolean;
  /** May probe at least some rows (members: their own). */
  probe: boolean;
}
