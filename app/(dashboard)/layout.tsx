import Link from "next/link";
import { Countdown } from "@/components/shell/countdown";
import { MobileMenu } from "@/components/shell/mobile-menu";
import { Sidebar } from "@/components/shell/sidebar";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { sessionActor } from "@/lib/auth/session";
import { getActiveCampaign } from "@/lib/campaigns/service";
import { clockState } from "@/lib/clock";
import { formatInstant } from "@/lib/format";
import { navigationFor } from "@/lib/navigation";
import { countNotReady } from "@/lib/readiness/summary";

export const dynamic = "force-dynamic";

// The shell only: every page under it checks its own permission on the server.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await sessionActor();
  // Signed out: each page redirects to sign-in itself, with the address to come back to.
  if (!actor) return <>{children}</>;
  const [campaign, notReady] = await Promise.all([getActiveCampaign(actor), countNotReady(actor)]);
  const clock = clockState();

  return (
    <div className="flex min-h-screen">
      {/* The first Tab stop: past the navigation (a dozen links and the header) to the page itself. */}
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-blue-800 shadow focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-50 print:hidden"
      >
        Skip to main content
      </a>
      <aside className="hidden w-56 shrink-0 flex-col bg-slate-900 px-3 py-5 md:flex print:hidden">
        <Link href="/" className="mb-6 px-3 text-sm font-semibold tracking-wide text-white">
          TLS Readiness Board
        </Link>
        <Sidebar sections={navigationFor(actor)} />
        <div className="mt-auto space-y-1 border-t border-slate-700 px-3 pt-4">
          <Link href="/profile" className="block truncate text-sm font-medium text-white hover:underline" title={actor.email}>
            {actor.name}
          </Link>
          <p className="text-xs uppercase tracking-wide text-slate-400" data-testid="role">
            {actor.role.toLowerCase()}
          </p>
          <SignOutButton />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        {clock.simulated ? (
          <div className="bg-violet-800 px-4 py-1.5 text-center text-xs text-white print:hidden" role="status">
            Simulated clock: this board&apos;s time started at {formatInstant(clock.startedAt)} and runs forward in real time
            (APP_CLOCK_START). Countdowns and new records use this time.
          </div>
        ) : null}
        <header className="flex min-h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-2 print:hidden">
          {campaign ? (
            <Countdown
              campaignId={campaign.id}
              campaignName={campaign.name}
              milestones={campaign.milestones.map((m) => ({ id: m.id, name: m.name, dueAt: m.dueAt.toISOString() }))}
              offsetMs={clock.offsetMs}
              notReady={notReady}
            />
          ) : (
            <span className="text-sm text-slate-600">No campaign yet.</span>
          )}
          {/* Small screens: the sidebar folds into a menu. */}
          <MobileMenu>
            <Sidebar sections={navigationFor(actor)} label="Main (menu)" />
            <div className="space-y-1 border-t border-slate-700 px-3 pt-3">
              <Link href="/profile" className="block text-sm font-medium text-white">
                {actor.name}
              </Link>
              <SignOutButton />
            </div>
          </MobileMenu>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full min-w-0 max-w-7xl flex-1 px-4 py-6 sm:px-6 print:max-w-none print:p-0">{children}</main>
      </div>
    </div>
  );
}
