import { test } from "node:test";
import assert from "node:assert/strict";
import { openAs, screenshot, seriousViolations } from "../support/browser.ts";
import { gzipBytes, initialFiles, readManifest, walletFiles } from "../support/bundle.ts";
import type { Stack } from "../support/stack.ts";

const PAGES = [
  { path: "/", heading: /campaigns/i, name: "fans" },
  { path: "/account", heading: /my tickets/i, name: "account" },
  { path: "/creators", heading: /creators/i, name: "creators" },
  { path: "/auditors", heading: /auditors|epochs/i, name: "auditors" },
] as const;

export function shellScenarios(stack: () => Stack) {
  test("the first route loads no wallet code, and at most 250 kB of JavaScript (gzip)", async () => {
    const s = stack();
    const manifest = await readManifest();
    const wallet = walletFiles(manifest);
    assert.ok(wallet.size > 0, "the wallet layer is a chunk of its own");
    const initial = await gzipBytes(initialFiles(manifest));
    assert.ok(initial <= 250_000, `initial JS is ${initial} bytes gzip`);
    const { context, page, scripts } = await openAs(s.browser, s.web.url);
    try {
      await page.goto("/");
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      const loaded = scripts.map((p) => p.replace(/^\//, ""));
      const walletLoaded = loaded.filter((f) => wallet.has(f));
      assert.deepEqual(walletLoaded, [], "wallet code on the first route");
    } finally {
      await context.close();
    }
  });

  test("every page: heading, keyboard skip link, no serious axe violation, desktop and phone screenshots", async () => {
    const s = stack();
    for (const viewport of [
      { width: 1280, height: 900, label: "desktop" },
      { width: 375, height: 800, label: "phone" },
    ]) {
      const { context, page } = await openAs(s.browser, s.web.url, undefined, viewport);
      try {
        for (const p of PAGES) {
          await page.goto(p.path);
          await page.getByRole("heading", { level: 1, name: p.heading }).waitFor();
          await page.keyboard.press("Tab");
          assert.equal(
            await page.evaluate(() => document.activeElement?.textContent),
            "Skip to content",
          );
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          assert.ok(
            overflow <= 0,
            `${p.path} scrolls sideways on a ${viewport.label} (${overflow}px)`,
          );
          assert.deepEqual(await seriousViolations(page), [], `${p.path} on ${viewport.label}`);
          await screenshot(page, `${p.name}-${viewport.label}`);
        }
      } finally {
        await context.close();
      }
    }
  });

  test("the connect modal offers WalletConnect only when config.js names a project id", async () => {
    const s = stack();
    const walletsOffered = async (label: string) => {
      const { context, page } = await openAs(s.browser, s.web.url);
      try {
        await page.goto("/account");
        await page
          .getByRole("button", { name: /connect wallet/i })
          .first()
          .click();
        const dialog = page.getByRole("dialog");
        await dialog.getByRole("button", { name: /test wallet/i }).waitFor();
        await screenshot(page, `connect-modal-${label}`);
        return (await dialog.getByRole("button").allTextContents()).join(" | ");
      } finally {
        await context.close();
      }
    };
    assert.doesNotMatch(await walletsOffered("without-walletconnect"), /WalletConnect/);
    s.config.walletConnectProjectId = "0123456789abcdef0123456789abcdef";
    try {
      assert.match(await walletsOffered("with-walletconnect"), /WalletConnect/);
    } finally {
      s.config.walletConnectProjectId = "";
    }
  });
}
