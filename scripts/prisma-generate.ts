// Runs before `npm run build`: the Prisma client is generated code (git-ignored), so a fresh
// checkout that builds without having run `npm run migrate` first still has one.
import { ensurePrismaClient } from "./lib/database";

await ensurePrismaClient();
