import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { POLICY } from "../../../test/support/system.ts";
import { connectWallet, openAs, screenshot } from "../support/browser.ts";
import type { Stack } from "../support/stack.ts";

interface Exported {
  format: string;
  account: string;
  submissions: { id: string; answer: string | null; erased: { reason: string } | null }[];
}

/** Clicks "Download my data" and reads the file the browser saved. */
async function downloadExport(page: Page): Promise<Exported> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download my data" }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^mesi-export-0x[0-9a-f]{40}\.json$/);
  return JSON.parse(await readFile((await download.path())!, "utf8")) as Exported;
}

export function dataRightsScenarios(stack: () => Stack) {
  test("a fan downloads what the oracle holds, erases it after confirming, and withdraws consent", async () => {
    const s = stack();
    const fan = s.people[6]!;
    // The fan consents to prompts (its own transaction); the platform sends two answers.
    await s.sys.mined(s.sys.contracts.registry.write.optIn([1, POLICY], { account: fan }));
    await s.platform.submitWork(fan, 0n, ["privacy-1", "privacy-2"]);
    const { context, page } = await openAs(s.browser, s.web.url, { account: fan });
    try {
      await page.goto("/account");
      await connectWallet(page);

      // Export: one file with every answer and its text.
      const before = await downloadExport(page);
      assert.equal(before.format, "mesi-export@1");
      assert.equal(before.account, fan.toLowerCase());
      assert.equal(before.submissions.length, 2);
      assert.ok(before.submissions.every((x) => x.answer && x.erased === null));
      await page
        .getByTestId("export-summary")
        .getByText(/2 task answers \(2 with their text\)/)
        .waitFor();
      await screenshot(page, "account-export");

      // Erasure asks first: nothing happens until the fan confirms, and "Keep my data" backs out.
      await page.getByRole("button", { name: "Erase my personal data…" }).click();
      const erase = page.getByRole("button", { name: "Sign and erase" });
      assert.equal(
        await erase.isDisabled(),
        true,
        "disabled until the fan ticks that they understand",
      );
      await page.getByRole("button", { name: "Keep my data" }).click();
      await erase.waitFor({ state: "detached" });
      await page.getByRole("button", { name: "Erase my personal data…" }).click();
      await page.getByLabel(/I understand that my answers and appeal texts are erased/).check();
      await screenshot(page, "account-erasure-confirm");
      await erase.click();
      await page
        .getByTestId("erasure-result")
        .getByText(
          /Erased: 2 answers not scored yet \(withdrawn whole\)\. .*public audit log, without any of the content/,
        )
        .waitFor();

      // A second download: the work was not scored yet, so nothing of it is left.
      const after = await downloadExport(page);
      assert.equal(after.submissions.length, 0);

      // Withdrawing consent asks first too; then the chain holds no scope and the oracle
      // refuses the fan's new work.
      await page.getByRole("button", { name: "Withdraw all consent…" }).click();
      await page.getByText(/Work you send after withdrawing is refused/).waitFor();
      await page.getByRole("button", { name: "Withdraw my consent" }).click();
      await page.getByText("Withdraw consent: done").waitFor();
      const p = await s.sys.contracts.registry.read.participant([fan]);
      assert.equal(p.scopes, 0);
      // The oracle reads the chain every 2 s (its documented lag bound): within a few seconds the
      // fan's new work is refused (what slipped in before is removed when its epoch is scored).
      const deadline = Date.now() + 60_000;
      let refusal: unknown;
      for (let k = 0; !refusal && Date.now() < deadline; k++) {
        refusal = await s.platform.submitWork(fan, 0n, [`privacy-late-${k}`]).then(
          () => undefined,
          (err: unknown) => err,
        );
        if (!refusal) await new Promise((r) => setTimeout(r, 500));
      }
      assert.match(String(refusal), /403.*consent missing.*revoked its consent/);
      await screenshot(page, "account-consent-withdrawn");
    } finally {
      await context.close();
    }
  });
}
