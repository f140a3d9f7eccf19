import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/session";
import { getProfile } from "@/lib/users/profile";
import { myPreferences } from "@/lib/notifications/preferences";
import { NotificationPreferencesForm } from "./notification-preferences-form";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Your profile" };

const ROLE_TEXT = {
  ADMIN: "You can change everything: campaigns, the inventory, users, tokens and settings.",
  MANAGER: "You can see everything and export reports; you do not change the board.",
  MEMBER: "You can edit and probe the integrations you own.",
} as const;

export default async function ProfilePage() {
  const actor = await requirePage("profile.edit", "/profile");
  const [profile, preferences] = await Promise.all([getProfile(actor), myPreferences(actor)]);
  return (
    <>
      <PageHeader title="Your profile" description={`${profile.email} · ${profile.role.toLowerCase()}. ${ROLE_TEXT[profile.role]}`} />
      {profile.mustChangePassword ? (
        <div className="mb-6">
          <Alert kind="warning" title="Choose your own password">
            You signed in with a one-time password. Replace it below.
          </Alert>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Name" />
          <CardBody>
            <ProfileForm name={profile.name} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Password" description="Changing it signs out your other sessions." />
          <CardBody>
            <PasswordForm />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Messages" description="Which emails the board sends you. Nothing is sent about work you have finished." />
          <CardBody>
            <NotificationPreferencesForm preferences={preferences} email={profile.email} role={profile.role} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
