import { test } from "node:test";
import assert from "node:assert/strict";
import { connectWallet, openAs, screenshot } from "../support/browser.ts";
import type { Stack } from "../support/stack.ts";

export function consentScenarios(stack: () => Stack) {
  const scopesOf = async (s: Stack, account: `0x${string}`) =>
    (await s.sys.contracts.registry.read.participant([account])).scopes;

  test("a fan opts in to two uses: the page says so and the registry holds them", async () => {
    const s = stack();
    const fan = s.people[7]!;
    const { context, page } = await openAs(s.browser, s.web.url, { account: fan });
    try {
      await page.goto("/account");
      await connectWallet(page);
      await page.getByTestId("consent-status").getByText("You have not opted in.").waitFor();
      await page.getByLabel("Answer the AI's prompts").check();
      await page.getByLabel("Polls").check();
      await page.getByRole("button", { name: "Opt in" }).click();
      await page.getByText("Opt in: done").waitFor();
      await page.getByTestId("consent-status").getByText("You consent to 2 of 6 uses").waitFor();
      assert.equal(await scopesOf(s, fan), 1 | 16);
      await screenshot(page, "account-opted-in");
    } finally {
      await context.close();
    }
  });

  test("a rejected signature says so, sends nothing and keeps what the fan ticked", async () => {
    const s = stack();
    const fan = s.people[8]!;
    const { context, page } = await openAs(s.browser, s.web.url, {
      account: fan,
      reject: ["eth_sendTransaction"],
    });
    try {
      await page.goto("/account");
      await connectWallet(page);
      await page.getByLabel("Rate pictures").check();
      await page.getByLabel("Short questionnaires").check();
      await page.getByRole("button", { name: "Opt in" }).click();
      await page
        .getByRole("alert")
        .getByText(/you rejected the request/i)
        .waitFor();
      assert.equal(await page.getByLabel("Rate pictures").isChecked(), true);
      assert.equal(await page.getByLabel("Short questionnaires").isChecked(), true);
      assert.equal(await scopesOf(s, fan), 0);
      await screenshot(page, "account-rejected-signature");
    } finally {
      await context.close();
    }
  });

  test("a wallet on another network is told so and switches back in one click", async () => {
    const s = stack();
    const { context, page } = await openAs(s.browser, s.web.url, { account: s.people[9]! });
    try {
      await page.goto("/account");
      await connectWallet(page);
      await page.getByLabel("Polls").check();
      await page.evaluate(() =>
        (
          window as unknown as { mesiTestWallet: { switchNetwork(id: number): Promise<void> } }
        ).mesiTestWallet.switchNetwork(1),
      );
      const notices = page.getByRole("alert").filter({ hasText: /wrong network:/i });
      await notices.first().waitFor();
      await screenshot(page, "account-wrong-network");
      await page
        .getByRole("button", { name: /switch to/i })
        .first()
        .click();
      await notices.first().waitFor({ state: "detached" });
      assert.equal(await page.getByLabel("Polls").isChecked(), true, "the ticked box survived");
    } finally {
      await context.close();
    }
  });
}
