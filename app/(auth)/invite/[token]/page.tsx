import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { findInvite } from "@/lib/users/profile";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Set your password" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  if (!invite) {
    return (
      <Card className="p-6">
        <Alert kind="error" title="This invitation link does not work">
          It has expired or was already used. Ask an admin for a new link, or{" "}
          <Link className="underline" href="/login">
            sign in
          </Link>{" "}
          if you already set a password.
        </Alert>
      </Card>
    );
  }
  return <InviteForm token={token} email={invite.email} name={invite.name} />;
}
