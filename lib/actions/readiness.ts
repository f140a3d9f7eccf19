"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverAction } from "@/lib/http/action";
import { overrideInput, setOverride } from "@/lib/readiness/override";

export const overrideAction = serverAction(
  { permission: "readiness.override", input: z.object({ id: z.string().uuid("must be a valid id"), override: overrideInput }) },
  async ({ id, override }, actor) => {
    const result = await setOverride(actor, id, override);
    revalidatePath("/", "layout");
    return result;
  },
);
