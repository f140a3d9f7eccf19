// A member probes their integration whose endpoint is not TLS but an SSH server (started by this
// test on loopback): the page tells them it is not TLS without showing what the server sent; the
// manager sees the same; the admin sees the banner, on the same page.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTcpServer, type RunningServer } from "@/lib/tls-probe/testing/servers";
import { baseUrl, dbQuery, setupBrowser, watchedPageAs } from "./fixtures";

const state = setupBrowser();
afterEach(() => {
  expect(state.consoleErrors, "the browser logged errors").toEqual([]);
  state.consoleErrors.length = 0;
});

const SECRET = "OpenSSH_7.4 build-4711-internal";
let ssh: RunningServer;
let integrationId: string;

beforeAll(async () => {
  ssh = await startTcpServer({ behavior: "banner", banner: `SSH-2.0-${SECRET}\r\n` });
  const [row] = await dbQuery<{ id: string }>(
    `INSERT INTO integrations (name, category, owner_id, vendor, endpoint_host, endpoint_port, status, notes, created_at, updated_at)
     SELECT 'Legacy file drop (SFTP)', 'outbound_callout', id, 'In-house', $1, $2, 'in_progress', '', now(), now() FROM users WHERE email = 'member@demo.test'
     RETURNING id`,
    [ssh.host, ssh.port],
  );
  integrationId = row.id;
});

afterAll(async () => {
  await dbQuery("DELETE FROM integrations WHERE id = $1", [integrationId]);
  await ssh.close();
});

describe("what a non-TLS service sent, on the integration's page", () => {
  it("is kept from the member who probed it and from managers, and shown to admins", async () => {
    const member = await watchedPageAs(state, "member@demo.test");
    await member.page.goto(`${baseUrl()}/integrations/${integrationId}`);
    await member.page.getByRole("button", { name: "Probe now" }).click();
    await expect.poll(() => member.page.getByTestId("probe-status").textContent(), { timeout: 30_000 }).toContain("Done");
    await member.page.reload();
    const pageText = async (page: typeof member.page) => (await page.locator("main").textContent()) ?? "";
    await expect.poll(() => member.page.getByTestId("probe-entry").count()).toBe(1);
    const seenByMember = await pageText(member.page);
    expect(seenByMember).toContain("not TLS");
    expect(seenByMember).toContain("what it sent is shown to admins only");
    expect(seenByMember).not.toContain(SECRET);
    await member.context.close();

    const manager = await watchedPageAs(state, "manager@demo.test");
    await manager.page.goto(`${baseUrl()}/integrations/${integrationId}`);
    const seenByManager = await pageText(manager.page);
    expect(seenByManager).toContain("what it sent is shown to admins only");
    expect(seenByManager).not.toContain(SECRET);
    await manager.context.close();

    const admin = await watchedPageAs(state, "admin@demo.test");
    await admin.page.goto(`${baseUrl()}/integrations/${integrationId}`);
    const seenByAdmin = await pageText(admin.page);
    expect(seenByAdmin).toContain(SECRET);
    expect(seenByAdmin).not.toContain("shown to admins only");
    await admin.context.close();
  });
});
