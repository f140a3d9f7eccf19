#!/usr/bin/env node
// `npm test`: every layer of tests. Installs dependencies when missing, then runs scripts/test.ts.
import { ensureDependencies, handOver } from "./bootstrap.mjs";

ensureDependencies();
handOver("scripts/test.ts");
