// The kinds of message people can choose to get (profile preferences), with what each is. Client-safe.

export const NOTIFICATION_KINDS = ["reminder", "regression", "weekly_summary"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who each kind can reach: the profile offers a person only the kinds their role is sent. */
export const KIND_ROLES: Record<NotificationKind, readonly ("ADMIN" | "MANAGER" | "MEMBER")[]> = {
  reminder: ["ADMIN", "MEMBER"],
  regression: ["ADMIN", "MEMBER"],
  weekly_summary: ["MANAGER"],
};

export const KIND_INFO: Record<NotificationKind, { label: string; description: string; audience: string }> = {
  reminder: {
    label: "Milestone reminders",
    description: "A digest of your integrations that are not ready and your open checklist items, at the campaign's lead times before each milestone.",
    audience: "owners of integrations",
  },
  regression: {
    label: "Regressions",
    description: "An endpoint that no longer meets the floor, a certificate about to expire, a probe that became unreachable, a checklist contradicted by Login History.",
    audience: "the integration's owner and admins",
  },
  weekly_summary: {
    label: "Weekly summary",
    description: "Monday's burn-down, as the charts show it: at this pace, ready on which date; what moved; what is at risk.",
    audience: "managers",
  },
};

/** Kinds of delivery in the log: the message kinds plus a webhook's test call. */
export type DeliveryKind = NotificationKind | "test";

export const DELIVERY_KIND_LABEL: Record<DeliveryKind, string> = {
  reminder: "Reminder",
  regression: "Regression",
  weekly_summary: "Weekly summary",
  test: "Test",
};
