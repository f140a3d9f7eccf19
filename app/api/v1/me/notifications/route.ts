import { apiRoute } from "@/lib/http/api";
import { myPreferences, setMyPreferences } from "@/lib/notifications/preferences";
import { preferencesInput } from "@/lib/notifications/schemas";

export const GET = apiRoute({ permission: "profile.edit" }, async ({ actor }) => ({ preferences: await myPreferences(actor) }));

export const PUT = apiRoute({ permission: "profile.edit", body: preferencesInput }, async ({ actor, body }) => ({
  preferences: await setMyPreferences(actor, body.preferences),
}));
