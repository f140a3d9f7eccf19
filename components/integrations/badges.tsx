import { Badge } from "@/components/ui/badge";
import { CATEGORY_INFO, STATUS_INFO, type Category, type Status } from "@/lib/integrations/categories";

export function StatusBadge({ status }: { status: Status }) {
  const info = STATUS_INFO[status];
  return <Badge tone={info.tone}>{info.label}</Badge>;
}

export function categoryLabel(category: Category): string {
  return CATEGORY_INFO[category].label;
}
