"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { setActiveCampaignAction } from "@/lib/actions/campaigns";

export function MakeActiveButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const { run, pending, error } = useAction(setActiveCampaignAction);
  return (
    <div className="text-right">
      <Button size="sm" variant="secondary" disabled={pending} onClick={() => {
          if (window.confirm(`Make “${name}” the active campaign? The countdown and every readiness verdict follow it.`)) run({ id }, () => router.refresh());
        }} aria-label={`Make ${name} the active campaign`}>
        {pending ? "Switching…" : "Make active"}
      </Button>
      {error ? <p className="mt-1 text-xs text-red-700">{error.message}</p> : null}
    </div>
  );
}
