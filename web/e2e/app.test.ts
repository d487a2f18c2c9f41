// The web app in Chromium against the real stack. One stack for every scenario (starting a
// chain, contracts, oracle and indexer takes most of the time); scenarios run in order.
import { after, before, describe } from "node:test";
import { startStack, type Stack } from "./support/stack.ts";
import { shellScenarios } from "./scenarios/shell.ts";
import { consentScenarios } from "./scenarios/consent.ts";
import { dataRightsScenarios } from "./scenarios/data-rights.ts";
import { journeyScenarios } from "./scenarios/journey.ts";

let stack: Stack | undefined;
const get = () => {
  if (!stack) throw new Error("the stack did not start");
  return stack;
};

before(
  async () => {
    stack = await startStack();
  },
  { timeout: 300_000 },
);
after(async () => {
  await stack?.stop();
});

describe("shell: routes, lazy wallet, accessibility", () => shellScenarios(get));
describe("consent: opt in, rejected signature, wrong network", () => consentScenarios(get));
describe("data rights: export, erasure and withdrawal, each confirmed", () =>
  dataRightsScenarios(get));
describe("journey: join, ticket, trade, draw, revenue, vesting, verification", () =>
  journeyScenarios(get));
