// A worker killed in the middle of an import leaves no logins behind (its transaction dies with its
// connection), and the sweep marks the import failed and drops the upload.
import { afterAll, describe, expect, it } from "vitest";
import { startWorker } from "@/scripts/lib/app-process";
import { db } from "@/lib/db";
import { createImport, getImport } from "@/lib/login-history/imports";
import { sweepImports } from "@/lib/login-history/jobs";
import { sampleExportChunks } from "@/lib/login-history/sample-export";
import { stopQueue } from "@/lib/jobs/queue";
import { makeUser } from "../support/factories";

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await stopQueue();
});

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a worker killed mid-import", () => {
  it("leaves no logins, and the sweep fails the import and drops its upload", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const { id } = await createImport(
      admin,
      { fileName: "big.csv", timeZone: "UTC", dateOrder: "mdy" },
      sampleExportChunks({ rows: 400_000, end: new Date("2017-02-19T18:00:00Z"), days: 90 }),
    );
    const doomed = startWorker({ DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: "silent" }, { echo: false, name: "doomed" });
    cleanup.push(() => doomed.stop());
    await until(async () => (await getImport(admin, id)).rowsRead > 0, 60_000, "the worker to be reading the import");
    doomed.child.kill("SIGKILL");
    await new Promise((r) => doomed.child.once("exit", r));

    const view = await getImport(admin, id);
    expect(view.status).toBe("running");
    expect(view.rowsRead).toBeLessThan(400_000);
    expect(await db.loginHistoryLogin.count({ where: { importId: id } })).toBe(0);

    // Nothing is swept while the heartbeat is fresh; two minutes on, the import is failed.
    expect((await sweepImports()).failed).toBe(0);
    await db.loginHistoryImport.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - 3 * 60_000) } });
    expect((await sweepImports()).failed).toBe(1);
    const swept = await getImport(admin, id);
    expect(swept.status).toBe("failed");
    expect(swept.failure).toContain("stopped without finishing");
    expect(swept.rowsImported).toBe(0);
    expect(await db.loginHistoryUploadPart.count({ where: { importId: id } })).toBe(0);
    expect(await db.loginHistoryLogin.count({ where: { importId: id } })).toBe(0);
  }, 120_000);
});
