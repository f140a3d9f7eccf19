// Hiding a link is not access control: every signed-in page must check its permission on the server.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { pageFiles } from "../support/routes";

describe("dashboard pages", () => {
  const pages = pageFiles("(dashboard)");
  it("exist", () => expect(pages.length).toBeGreaterThanOrEqual(7));
  for (const file of pages) {
    it(`${file.split("/app/")[1]} calls requirePage()`, () => {
      expect(fs.readFileSync(file, "utf8")).toMatch(/await requirePage\("[a-zA-Z.]+"/);
    });
  }
});
