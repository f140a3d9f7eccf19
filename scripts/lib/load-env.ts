// Reads .env files the way Next does (.env, .env.local, .env.production; the real environment
// wins), for the commands that run outside Next: `npm run worker`, `npm run migrate` and
// `npm run user:create` then see the same settings as the web server. Import it first.
import path from "node:path";
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(path.resolve(import.meta.dirname, "..", ".."), false, { info: () => {}, error: (...args: unknown[]) => console.error(...args) });
