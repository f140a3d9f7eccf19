"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-10">
      <Alert kind="error" title="This page could not be loaded">
        Something went wrong on the server. Try again; if it keeps happening, tell an admin
        {error.digest ? (
          <>
            {" "}
            and quote the reference <code className="font-mono">{error.digest}</code>
          </>
        ) : null}
        .
      </Alert>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
