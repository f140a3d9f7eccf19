import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/permissions";
import { countNotReady } from "@/lib/readiness/summary";

// Replaced by the inventory summary once integrations exist.
export async function InventoryOverview({ actor }: { actor: Actor }) {
  const notReady = await countNotReady(actor);
  return (
    <Card>
      <CardHeader title="Inventory" />
      <CardBody>{notReady === null ? "No integrations listed yet." : `${notReady} integrations not yet proven ready.`}</CardBody>
    </Card>
  );
}
