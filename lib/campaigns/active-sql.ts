// The active campaign in SQL, client-safe (plain text: the readiness SQL needs it, and that module
// is imported by client components for its labels).

/** The settings key that names the active campaign. */
export const ACTIVE_CAMPAIGN_KEY = "campaign.active";

// The configured active campaign, or the oldest one when none is chosen (or it was removed).
export const ACTIVE_ID_SQL = `coalesce(
  (SELECT c.id FROM campaigns c JOIN settings s ON s.key = '${ACTIVE_CAMPAIGN_KEY}' AND c.id::text = s.value #>> '{}'),
  (SELECT id FROM campaigns ORDER BY created_at LIMIT 1))`;
