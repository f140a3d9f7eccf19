"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { useAction } from "@/components/ui/use-action";
import { setLeadTimesAction } from "@/lib/actions/notifications";

export function LeadTimesForm({ campaignId, campaignName, leadDays }: { campaignId: string; campaignName: string; leadDays: number[] }) {
  const router = useRouter();
  const { run, pending, error } = useAction(setLeadTimesAction);
  const [saved, setSaved] = useState(false);
  const inputId = `lead-${campaignId}`;
  // A bad entry is reported at its position ("leadDays.2"); the form shows the first one.
  const fieldProblem = Object.entries(error?.fields ?? {}).find(([k]) => k.startsWith("leadDays"))?.[1];
  const problem = fieldProblem ? `Lead times ${fieldProblem}` : error?.message;
  return (
    <form
      className="flex flex-wrap items-start gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        run({ campaignId, leadDays: String(new FormData(e.currentTarget).get("leadDays") ?? "") }, () => {
          setSaved(true);
          router.refresh();
        });
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        Reminder lead times of {campaignName}, in days
      </label>
      <Input id={inputId} name="leadDays" defaultValue={leadDays.join(", ")} className="w-48" aria-describedby={`${inputId}-help`} error={problem} />
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
      <p id={`${inputId}-help`} className={`basis-full text-xs ${problem ? "text-red-700" : "text-slate-600"}`} role={problem ? "alert" : undefined}>
        {problem ? problem : saved ? "Saved." : "Days before each milestone, separated by commas; empty for no reminders."}
      </p>
    </form>
  );
}
