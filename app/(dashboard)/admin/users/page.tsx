import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { asJson } from "@/lib/http/json";
import { listUsers } from "@/lib/users/service";
import { CreateUserForm } from "./create-user-form";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePage("users.manage", "/admin/users");
  const users = await listUsers(actor);
  return (
    <>
      <PageHeader
        title="Users"
        description="Admins set up campaigns and the inventory; managers watch progress; members own integrations, edit and probe them. Disabling an account ends its sessions at once."
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <CardHeader title={`${users.length} ${users.length === 1 ? "user" : "users"}`} />
          <UsersTable
            users={asJson(users)}
            currentUserId={actor.id}
          />
        </Card>
        <Card>
          <CardHeader title="Add a user" description="They get a set-up link or a one-time password, shown to you once." />
          <CardBody>
            <CreateUserForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
