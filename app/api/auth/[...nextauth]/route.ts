import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that `next build` needs no configuration.
function handler(req: NextRequest, ctx: Ctx) {
  return NextAuth(req, ctx, authOptions());
}

export { handler as GET, handler as POST };
