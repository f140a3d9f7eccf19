"use server";
// Server actions for checklists: ticking in place, and the template admin page. Built with the one
// action wrapper (authenticate, permission table, zod); the domain checks ownership per item.
import { serverAction } from "@/lib/http/action";
import { tickItem } from "@/lib/checklists/tick";
import { createTemplate, updateTemplate } from "@/lib/checklists/templates";
import { createTemplateInput, templateActionInput, tickActionInput } from "@/lib/checklists/schemas";

export const tickChecklistItemAction = serverAction({ permission: "checklists.tick", input: tickActionInput }, async ({ id, ...tick }, actor) =>
  tickItem(actor, id, tick),
);

export const createChecklistTemplateAction = serverAction({ permission: "checklists.manage", input: createTemplateInput }, async (input, actor) =>
  createTemplate(actor, input),
);

export const updateChecklistTemplateAction = serverAction({ permission: "checklists.manage", input: templateActionInput }, async ({ id, ...changes }, actor) =>
  updateTemplate(actor, id, changes),
);
