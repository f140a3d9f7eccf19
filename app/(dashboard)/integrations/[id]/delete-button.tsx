"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { deleteIntegrationAction } from "@/lib/actions/integrations";

export function DeleteIntegrationButton({ id, name, version }: { id: string; name: string; version: number }) {
  const router = useRouter();
  const { run, pending, error } = useAction(deleteIntegrationAction);
  return (
    <div className="text-right">
      <Button
        variant="danger"
        disabled={pending}
        onClick={() => {
          if (window.confirm(`Delete “${name}”? It leaves the inventory; its history stays in the audit log.`)) {
            run({ id, version }, () => {
              router.push("/integrations");
              router.refresh();
            });
          }
        }}
      >
        {pending ? "Deleting…" : "Delete"}
      </Button>
      {error ? <p className="mt-1 max-w-xs text-xs text-red-700">{error.message}</p> : null}
    </div>
  );
}
