import "server-only";
import { now } from "@/lib/clock";
import { logInfo } from "@/lib/log";
import { recordDeliveries, resendOrphans, type Planned } from "./deliveries";
import { plannedReminders } from "./occasions/reminders";
import { findRegressions, plannedRegressions } from "./occasions/regressions";
import { plannedWeeklySummary } from "./occasions/weekly";

/**
 * Everything due at `at` (the board's clock): milestone reminders, regressions and the weekly
 * summary, recorded once per recipient and occasion (the delivery's unique key), each new one sent
 * as its own job. Running it twice, or on two workers at once, records nothing twice.
 */
export async function scanOccasions(at: Date = now(), opts: { send?: boolean } = {}): Promise<{ planned: number; recorded: number; resent: number }> {
  const planned: Planned[] = [...(await plannedReminders(at)), ...(await plannedRegressions(await findRegressions(at))), ...(await plannedWeeklySummary(at))];
  const recorded = await recordDeliveries(planned, { ...opts, at });
  const resent = opts.send === false ? 0 : await resendOrphans(at);
  if (recorded.length || resent) logInfo("notifications recorded", { recorded: recorded.length, resent });
  return { planned: planned.length, recorded: recorded.length, resent };
}
