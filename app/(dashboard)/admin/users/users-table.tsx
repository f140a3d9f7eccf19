"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { TableHead } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { formatDay, formatInstant } from "@/lib/format";
import { resetCredentialAction, updateUserAction } from "@/lib/actions/users";
import type { Jsonified } from "@/lib/http/json";
import type { UserView } from "@/lib/users/service";
import { SecretNotice, type IssuedSecret } from "./secret-notice";

/** A user as listUsers() reads them, through JSON (dates as text). */
type UserRow = Jsonified<UserView>;

function status(u: UserRow) {
  if (u.disabled) return <Badge tone="red">Disabled</Badge>;
  if (!u.hasPassword) return u.inviteExpiresAt && new Date(u.inviteExpiresAt) < new Date() ? <Badge tone="red">Invitation expired</Badge> : <Badge tone="amber">Invited</Badge>;
  if (u.mustChangePassword) {
    // A one-time password lapses like an invitation (lib/auth/sign-in.ts refuses it after that).
    return u.inviteExpiresAt && new Date(u.inviteExpiresAt) < new Date() ? <Badge tone="red">One-time password expired</Badge> : <Badge tone="amber">One-time password</Badge>;
  }
  return <Badge tone="green">Active</Badge>;
}

export function UsersTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const router = useRouter();
  const update = useAction(updateUserAction);
  const reset = useAction(resetCredentialAction);
  const [secret, setSecret] = useState<IssuedSecret | null>(null);
  const error = update.error ?? reset.error;

  return (
    <div>
      <div className="space-y-3 px-5 pt-4 empty:hidden">
        {error ? <Alert kind="error">{error.message}</Alert> : null}
        {secret ? <SecretNotice {...secret} onDismiss={() => setSecret(null)} /> : null}
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <TableHead columns={["Name", "Role", "Status", "Added", "Last sign-in", { label: "Actions", align: "right" }]} />
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.email}`}>
                <td className="px-5 py-2.5">
                  <p className="font-medium">
                    {u.name} {u.id === currentUserId ? <span className="text-xs text-slate-500">(you)</span> : null}
                  </p>
                  <p className="text-xs text-slate-500">{u.email}</p>
                </td>
                <td className="px-3 py-2.5">
                  <Select
                    aria-label={`Role of ${u.email}`}
                    value={u.role}
                    disabled={update.pending}
                    onChange={(e) => {
                      const role = e.target.value;
                      if (window.confirm(`Make ${u.email} ${role.toLowerCase()}? It takes effect on their next click.`)) {
                        update.run({ id: u.id, version: u.version, role }, () => router.refresh());
                      }
                    }}
                    className="w-32"
                  >
                    <option value="ADMIN">Admin</option>
                    <option value="MANAGER">Manager</option>
                    <option value="MEMBER">Member</option>
                  </Select>
                </td>
                <td className="px-3 py-2.5">{status(u)}</td>
                <td className="px-3 py-2.5 text-slate-600">{formatDay(u.createdAt)}</td>
                <td className="px-3 py-2.5 text-slate-600" title={u.lastSignInAt ? formatInstant(u.lastSignInAt) : undefined}>
                  {u.lastSignInAt ? formatDay(u.lastSignInAt) : <span className="text-slate-400">Never</span>}
                </td>
                <td className="space-x-1 px-5 py-2.5 text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={reset.pending}
                    onClick={() => {
                      if (window.confirm(`Issue a new set-up link for ${u.email}? Their current password stops working at once.`)) {
                        reset.run({ id: u.id, credential: "invite" }, (s) => setSecret(s));
                      }
                    }}
                    title="Issue a new set-up link; the old password stops working"
                  >
                    New link
                  </Button>
                  <Button
                    size="sm"
                    variant={u.disabled ? "secondary" : "ghost"}
                    disabled={update.pending}
                    onClick={() => {
                      const question = u.disabled ? `Enable ${u.email} again?` : `Disable ${u.email}? They are signed out at once and cannot sign in until enabled.`;
                      if (window.confirm(question)) update.run({ id: u.id, version: u.version, disabled: !u.disabled }, () => router.refresh());
                    }}
                    aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.email}`}
                  >
                    {u.disabled ? "Enable" : "Disable"}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
