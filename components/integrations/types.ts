import type { Category, Status } from "@/lib/integrations/categories";
import type { ReadyBasis, Verdict } from "@/lib/readiness/verdict";

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

export interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  disabled: boolean;
}

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
