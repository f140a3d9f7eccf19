// Next calls register() once as a server process starts: a missing or bad setting stops the
// server there, naming the variable, instead of surfacing at someone's first sign-in. (npm start
// checks the same settings in server.mjs before Next even loads.)
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { webEnv } = await import("@/lib/env");
  webEnv();
}
