"use client";
import { Alert } from "@/components/ui/alert";
import type { createUserAction } from "@/lib/actions/users";
import type { ActionData } from "@/lib/http/action-result";

/** A one-time password or set-up link just issued (by adding a user or resetting one). */
export type IssuedSecret = ActionData<typeof createUserAction>;

/** Shows a one-time password or invitation link once, with a way to copy it. */
export function SecretNotice({ email, oneTimePassword, inviteToken, onDismiss }: IssuedSecret & { onDismiss: () => void }) {
  const value = inviteToken ? `${window.location.origin}/invite/${inviteToken}` : (oneTimePassword ?? "");
  return (
    <Alert kind="success" title={inviteToken ? `Set-up link for ${email}` : `One-time password for ${email}`}>
      <p>Copy it now and pass it on securely: it will not be shown again.{inviteToken ? " The link works once, for 7 days." : " They will be asked to choose their own password."}</p>
      <div className="mt-2 flex gap-2">
        <code className="block flex-1 overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-emerald-300" data-testid="one-time-secret">
          {value}
        </code>
        <button type="button" className="text-xs font-medium underline" onClick={() => navigator.clipboard?.writeText(value)}>
          Copy
        </button>
        <button type="button" className="text-xs font-medium underline" onClick={onDismiss}>
          Done
        </button>
      </div>
    </Alert>
  );
}
