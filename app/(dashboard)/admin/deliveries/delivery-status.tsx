import { Badge } from "@/components/ui/badge";

/** The status, and the receiving server's last answer under it (why it failed, or its receipt). */
export function DeliveryStatus({ status, answer }: { status: "queued" | "sent" | "failed"; answer: string | null }) {
  const badge = status === "sent" ? <Badge tone="green">Sent</Badge> : status === "failed" ? <Badge tone="red">Failed</Badge> : <Badge tone="blue">Queued</Badge>;
  return (
    <div>
      {badge}
      {answer ? (
        <p className="mt-1 max-w-xs break-words text-xs text-slate-600" data-testid="delivery-answer">
          {status === "queued" ? `Retrying; last answer: ${answer}` : answer}
        </p>
      ) : null}
    </div>
  );
}
