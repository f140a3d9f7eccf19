import { db } from "@/lib/db";
import { now } from "@/lib/clock";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and monitors; needs no sign-in and reveals nothing else. */
export async function GET() {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok", database: "ok", databaseMs: Math.round(performance.now() - started), time: now().toISOString() });
  } catch {
    return Response.json({ status: "degraded", database: "unreachable" }, { status: 503 });
  }
}
