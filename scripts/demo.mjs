#!/usr/bin/env node
// `npm run demo`: works on a fresh machine with only Node and npm. Installs dependencies when they
// are missing, then hands over to scripts/demo.ts (which needs them).
import { ensureDependencies, handOver } from "./bootstrap.mjs";

ensureDependencies();
handOver("scripts/demo.ts");
