import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/session";
import { landingFor } from "@/lib/navigation";

// "/" (where sign-in lands) is each role's own start: admins the board, members their work,
// managers the overview (lib/navigation.ts: MANAGER_LANDING).
export default async function Landing() {
  const actor = await requirePage("campaigns.read", "/");
  redirect(landingFor(actor));
}
