"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { setWebhookEnabledAction, testWebhookAction } from "@/lib/actions/notifications";

/** Send a test (the answer shows here and in the delivery log), and enable or disable. */
export function WebhookActions({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const router = useRouter();
  const test = useAction(testWebhookAction);
  const toggle = useAction(setWebhookEnabledAction);
  const [result, setResult] = useState<{ deliveryId: string; outcome: string; answer: string | null } | null>(null);
  const error = test.error ?? toggle.error;
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <Button size="sm" variant="secondary" disabled={test.pending || !enabled} aria-label={`Send test to ${name}`} onClick={() => test.run({ id }, (data) => setResult(data))}>
          {test.pending ? "Sending…" : "Send test"}
        </Button>
        <Button size="sm" variant="ghost" disabled={toggle.pending} aria-label={`${enabled ? "Disable" : "Enable"} ${name}`} onClick={() => toggle.run({ id, enabled: !enabled }, () => router.refresh())}>
          {enabled ? "Disable" : "Enable"}
        </Button>
      </div>
      {result ? (
        <p role="status" className={`text-xs ${result.outcome === "sent" ? "text-emerald-800" : "text-red-700"}`}>
          {result.outcome === "sent" ? "Sent" : "Failed"}: {result.answer}{" "}
          <Link href={`/admin/deliveries/${result.deliveryId}`} className="underline">
            view
          </Link>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
