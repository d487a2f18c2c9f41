// Debian's Chromium driven by playwright-core (a browser download never works here), one
// context per person, each with its own test-wallet account; screenshots and axe checks.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import type { Address } from "viem";
import { ARTIFACTS } from "./paths.ts";

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
  });

export interface Person {
  context: BrowserContext;
  page: Page;
  /** JS files the page fetched, in order (to check what the first route loads). */
  scripts: string[];
}

/** A browser profile for one person using the test wallet as `account`. */
export async function openAs(
  browser: Browser,
  baseUrl: string,
  wallet?: { account: Address; reject?: string[] },
  viewport = { width: 1280, height: 900 },
): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  if (wallet)
    await context.addInitScript((w) => {
      localStorage.setItem("mesi:test-wallet", JSON.stringify(w));
    }, wallet);
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
  });
  page.setDefaultTimeout(30_000);
  return { context, page, scripts };
}

/** Changes which behaviour the test wallet shows from now on (a reload applies it). */
export async function setWallet(page: Page, wallet: { account: Address; reject?: string[] }) {
  await page.evaluate((w) => localStorage.setItem("mesi:test-wallet", JSON.stringify(w)), wallet);
}

/** Saves a full-page screenshot as a test artifact (test-results/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(ARTIFACTS, "screenshots");
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

/** Connects the test wallet through RainbowKit's modal, as a person would. */
export async function connectWallet(page: Page): Promise<void> {
  await page
    .getByRole("button", { name: /connect wallet/i })
    .first()
    .click();
  await page.getByRole("button", { name: /test wallet/i }).click();
  await page.getByTestId("wallet-account").waitFor();
}
