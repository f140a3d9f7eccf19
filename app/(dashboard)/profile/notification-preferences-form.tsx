"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { setPreferencesAction } from "@/lib/actions/notifications";
import { KIND_INFO, KIND_ROLES, NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/kinds";

export function NotificationPreferencesForm({ preferences, email, role }: { preferences: Record<NotificationKind, boolean>; email: string; role: "ADMIN" | "MANAGER" | "MEMBER" }) {
  // Only the kinds this role is sent; the others keep their stored choice (for a change of role).
  const kinds = NOTIFICATION_KINDS.filter((k) => KIND_ROLES[k].includes(role));
  const router = useRouter();
  const { run, pending, error } = useAction(setPreferencesAction);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const form = new FormData(e.currentTarget);
        const chosen = Object.fromEntries(kinds.map((k) => [k, form.get(k) === "on"])) as Partial<Record<NotificationKind, boolean>>;
        run({ preferences: chosen }, () => {
          setSaved(true);
          router.refresh();
        });
      }}
    >
      {error ? <Alert kind="error">{error.message}</Alert> : null}
      {saved ? <Alert kind="success">Saved. Messages go to {email}.</Alert> : null}
      <fieldset className="space-y-3">
        <legend className="sr-only">Messages you get by email</legend>
        {kinds.map((kind) => (
          <div key={kind} className="flex items-start gap-3">
            <input id={`pref-${kind}`} name={kind} type="checkbox" defaultChecked={preferences[kind]} className="mt-1 h-4 w-4 rounded border-slate-400" aria-describedby={`pref-${kind}-help`} />
            <div>
              <label htmlFor={`pref-${kind}`} className="text-sm font-medium">
                {KIND_INFO[kind].label}
              </label>
              <p id={`pref-${kind}-help`} className="text-xs text-slate-600">
                {KIND_INFO[kind].description} Sent to {KIND_INFO[kind].audience}.
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save messages"}
      </Button>
    </form>
  );
}
