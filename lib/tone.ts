/**
 * The colours a status can be shown in, named for what they mean at a glance. The vocabularies
 * (verdicts, probe outcomes, integration statuses) choose them; components/ui/badge.tsx paints them.
 */
export type Tone = "neutral" | "green" | "red" | "amber" | "blue" | "violet";
