import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { TableHead } from "@/components/ui/table";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { listTokens } from "@/lib/auth/tokens";
import { realNow } from "@/lib/clock";
import { formatInstant } from "@/lib/format";
import { CreateTokenForm } from "./create-token-form";
import { RevokeButton } from "./revoke-button";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requirePage("tokens.manage", "/admin/tokens");
  const tokens = await listTokens(actor);
  const at = realNow();
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let scripts use the JSON API under <code>/api/v1</code> with <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as the
            admin who created it, with that person&apos;s current role; it stops working when revoked, expired, or when its creator is disabled.
            Token times are real (server) time, not the board&apos;s clock.
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <CardHeader title="Tokens" />
          {tokens.length === 0 ? (
            <CardBody>
              <EmptyState title="No API tokens yet">Create one on the right to call the API from a script or a monitor.</EmptyState>
            </CardBody>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <TableHead columns={["Name", "Acts as", "Created", "Last used", "Expires", "State", ""]} />
                <tbody className="divide-y divide-slate-100">
                  {tokens.map((t) => {
                    const expired = t.expiresAt !== null && t.expiresAt <= at;
                    return (
                      <tr key={t.id}>
                        <td className="px-5 py-2.5">
                          <p className="font-medium">{t.name}</p>
                          <p className="font-mono text-xs text-slate-500">{t.prefix}…</p>
                        </td>
                        <td className="px-3 py-2.5 text-slate-700">{t.userEmail}</td>
                        <td className="px-3 py-2.5 text-slate-600">{formatInstant(t.createdAt)}</td>
                        <td className="px-3 py-2.5 text-slate-600">{t.lastUsedAt ? formatInstant(t.lastUsedAt) : "never"}</td>
                        <td className="px-3 py-2.5 text-slate-600">{t.expiresAt ? formatInstant(t.expiresAt) : "never"}</td>
                        <td className="px-3 py-2.5">
                          {t.revokedAt ? (
                            <Badge tone="red">Revoked</Badge>
                          ) : expired ? (
                            <Badge tone="amber">Expired</Badge>
                          ) : (
                            <Badge tone="green">Active</Badge>
                          )}
                        </td>
                        <td className="px-5 py-2.5 text-right">{t.revokedAt ? null : <RevokeButton id={t.id} name={t.name} />}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card>
          <CardHeader title="Create a token" description="The secret is shown once; only its hash is stored." />
          <CardBody>
            <CreateTokenForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
