"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { revokeTokenAction } from "@/lib/actions/tokens";

export function RevokeButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const { run, pending, error } = useAction(revokeTokenAction);
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        disabled={pending}
        onClick={() => {
          if (window.confirm(`Revoke “${name}”? Anything using it stops working at once.`)) run({ id }, () => router.refresh());
        }}
      >
        Revoke
      </Button>
      {error ? <p className="text-xs text-red-700">{error.message}</p> : null}
    </>
  );
}
