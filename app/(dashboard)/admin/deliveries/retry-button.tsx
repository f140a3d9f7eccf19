"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { retryDeliveryAction } from "@/lib/actions/notifications";

export function RetryButton({ id }: { id: string }) {
  const router = useRouter();
  const { run, pending, error } = useAction(retryDeliveryAction);
  return (
    <>
      <Button size="sm" variant="ghost" className="ml-2" disabled={pending} onClick={() => run({ id }, () => router.refresh())}>
        {pending ? "Retrying…" : "Retry"}
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error.message}
        </p>
      ) : null}
    </>
  );
}
