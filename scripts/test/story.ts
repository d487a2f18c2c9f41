// The seed documents' Train2Earn story, end to end through a running local stack (scripts/stack.sh):
// nothing here plays the oracle. Fans are wallets that sign their own transactions; the
// platform posts their work to the oracle's signed ingestion API; the oracle's own jobs score
// it, publish the epochs, mint, activate and void tickets, re-issue after an appeal and seed
// the selection and the draw; a reviewer decides the review queue over HTTP.
//
//   1. opt-in with scopes and KYC: twelve fans consent to the task scopes and pass KYC; one
//      leaves polls out of its consent (its join is refused, and so is its poll answer), one
//      never passes KYC (its join is refused)
//   2. a history: a day of practice work (three practice campaigns, 150 honest people) gives
//      the fans a Training Quality Score; the oracle publishes it and, after the challenge
//      window, anyone makes it final
//   3. a campaign over capacity: twelve join with their TQS proofs for eight places; after
//      enrolment the oracle commits and reveals the selection seed, and anyone draws the
//      TQS-weighted selection
//   4. the campaign's work: a day of AI prompt answers, picture and mood ratings and polls by
//      100 honest people, a bot, two copy-pasters, a ring that rewords its leader's answers and
//      two mass uploaders; among the fans: seven honest, five abusers
//   5. completions and verdicts: placeholders for the selected who answered every task, clean
//      work activated at once, flagged work held for review; a reviewer upholds what the
//      abusers did and dismisses flags on honest work; the next epoch voids and activates
//   6. a granted appeal: the holder of a voided ticket appeals with a wallet-signed request,
//      the reviewer grants it, and the next epoch re-issues the ticket, active
//   7. trading: a fan who was not selected buys a ticket on the marketplace; a voided ticket
//      cannot be listed
//   8. the draw: after the quality window the latest TQS epoch is made final, every active
//      ticket enters with its holder's proof, the oracle seeds the draw, anyone draws, and the
//      winners claim every reward type (a vested $MESI pack, promo credits, an item, a slot)
//
// The simulated days are deterministic (their seeds); which fans the chain selects is not, so
// the story holds for any selection: five abusers among twelve for eight places means at least
// one abuser is selected, and seven honest fans that at least three are.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { getAbiItem, parseEther, keccak256, toHex, zeroHash, type Address, type Hex } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { SCOPES, ScoreKind, campaignManagerAbi, deploymentOn, prizeDrawAbi } from "@mesi/abi";
import { DEV_CLIENT } from "../../oracle/src/config.ts";
import { generateDay, type Day, type Label } from "../../oracle/sim/day.ts";
import { campaignsOf, type SimCampaign } from "../../oracle/sim/simulate.ts";
import { postCampaigns, postGoldReveals, postSimulation } from "../../oracle/sim/post.ts";
import { optInSimulatedUsers, scopesFor } from "../../oracle/sim/consent.ts";
import { APPEAL_ACTION, appealFields, walletRequestMessage } from "@mesi/abi";
import { increaseTime, mineAt, rpc } from "../../test/support/chain.ts";
import { waitFor } from "../../test/support/net.ts";
import { POLICY, connectSystem, type System } from "../../test/support/system.ts";
import { SYSTEM_CONTRACTS, type SystemDeployment } from "../../test/support/deploy.ts";
import { PACK_AMOUNT, everyRewardType } from "../lib/reward-tiers.ts";

/** The running stack, as the stack test started it. */
export interface RunningStack {
  rpc: string;
  oracle: string;
  epochSeconds: number;
  genesis: number;
  reviewerKey: string;
  /** The stack's process: every wait fails fast if it exits. */
  child: ChildProcess;
  output: () => string;
}

export interface StoryOutcome {
  campaignId: bigint;
  /** TQS epochs the story made final: the practice history's, and the one the draw used. */
  finalTqsEpochs: bigint[];
  selected: Address[];
  activated: bigint[];
  voided: bigint[];
  reissued: { voidedId: bigint; newId: bigint; holder: Address };
  sold: { tokenId: bigint; seller: Address; buyer: Address };
  /** Reward kind (0 pack, 1 credits, 2 item, 3 slot) → the ticket that won it. */
  prizes: Map<number, bigint>;
}

const MESI = (n: number) => parseEther(String(n));
const DAY_S = 86_400;
/** Every task scope (AI prompts, picture and mood rating, questionnaires, polls). */
const TASK_SCOPES =
  SCOPES.ai_prompts |
  SCOPES.picture_rating |
  SCOPES.mood_rating |
  SCOPES.questionnaires |
  SCOPES.polls;
const PLACEHOLDER = 1;
const ACTIVE = 2;
const VOID = 3;

/** The practice day: honest people only, on three practice campaigns the chain never sees. */
const PRACTICE = { seed: 4, honest: 150, campaigns: 3, tasksPerCampaign: 14 };
const PRACTICE_FIRST_CAMPAIGN = 900;
/**
 * The campaign's day. With this seed the rules flag every abuser among the fans (checked with
 * many MinHash keys: the oracle's key changes with each epoch), seriously enough to fail a
 * ticket and not so much that the practice history's TQS falls below the exclusion line.
 */
const CAMPAIGN_DAY = {
  seed: 16,
  honest: 100,
  abuse: {
    "classic-bot": 1,
    paraphraser: 2,
    ring: 3,
    "burst-uploader": 1,
    "sustained-uploader": 1,
  },
  tasksPerCampaign: 14,
};
/** The abusers among the fans, by kind and rank among that kind's accounts in the day. */
const ABUSIVE_FANS: [Label, number][] = [
  ["paraphraser", 1],
  ["ring", 0],
  ["ring", 1],
  ["classic-bot", 0],
  ["burst-uploader", 0],
];
const HONEST_FANS = 7;
const CAPACITY = 8;

/** Runs the story; a failure names the step it happened in (each `step` line). */
export async function runStory(
  stack: RunningStack,
  step: (msg: string) => void,
): Promise<StoryOutcome> {
  let current = "connecting to the stack";
  try {
    return await story(stack, (msg) => {
      current = msg;
      step(msg);
    });
  } catch (err) {
    throw new Error(`story step "${current}": ${(err as Error).message}`, { cause: err });
  }
}

async function story(stack: RunningStack, step: (msg: string) => void): Promise<StoryOutcome> {
  const sys = await connectSystem(stack.rpc, stackDeployment());
  const k = sys.contracts;
  const c = sys.deployment.contracts;
  const { roles, mined } = sys;
  const wait = <T>(what: string, ready: () => Promise<T | undefined>, minutes = 4) =>
    waitFor(ready, {
      what,
      timeoutMs: minutes * 60_000,
      intervalMs: 1000,
      child: stack.child,
      context: () => stack.output().slice(-2000),
    });
  const epochNow = () =>
    BigInt(Math.floor((Date.now() / 1000 - stack.genesis) / stack.epochSeconds) + 1);
  /** Returns once an epoch has just begun, so a post of a few seconds lands in one epoch. */
  const freshEpoch = async () => {
    const into = () => (Date.now() / 1000 - stack.genesis) % stack.epochSeconds;
    if (into() > 3) await new Promise((r) => setTimeout(r, (stack.epochSeconds - into()) * 1000));
    return epochNow();
  };
  const finished = async (epoch: bigint) => {
    const h = (await (await fetch(`${stack.oracle}/health`)).json()) as {
      scheduler?: { lastFinished: string };
    };
    return BigInt(h.scheduler?.lastFinished ?? 0) >= epoch ? true : undefined;
  };
  const tqsProof = async (epoch: bigint, account: Address) => {
    const r = await fetch(`${stack.oracle}/v1/proofs/tqs/${epoch}/${account}`);
    if (!r.ok) return undefined;
    return (await r.json()) as { score: string; proof: Hex[] };
  };

  // 1. Fourteen fans with their own keys; the treasury gives them gas and $MESI.
  step("fans opt in with scopes; the KYC attestor attests twelve of them");
  const fans = Array.from({ length: 14 }, (_, i) =>
    privateKeyToAccount(keccak256(toHex(`train2earn story fan ${i}`))),
  );
  const members = fans.slice(0, 12);
  const [noPolls, noKyc] = [fans[12]!, fans[13]!];
  for (const f of fans) {
    await mined(
      rpc<Hex>(stack.rpc, "eth_sendTransaction", [
        { from: roles.admin, to: f.address, value: toHex(parseEther("10")) },
      ]),
    );
    await mined(k.token.write.transfer([f.address, MESI(1_000)], { account: roles.admin }));
  }
  for (const f of [...members, noKyc])
    await mined(k.registry.write.optIn([TASK_SCOPES, POLICY], { account: f }));
  await mined(k.registry.write.optIn([TASK_SCOPES & ~SCOPES.polls, POLICY], { account: noPolls }));
  const kycUntil = (await sys.now()) + 365 * DAY_S;
  const attested = [...members, noPolls].map((f) => f.address);
  await mined(
    k.registry.write.attestKycBatch(
      [attested, attested.map(() => kycUntil), attested.map((a) => keccak256(toHex(`kyc ${a}`)))],
      { account: roles.kyc },
    ),
  );

  // The campaign: eight places, at most twenty joins, a minimum TQS, one tier of every reward
  // type, its pack funded. Its windows follow the chain's clock from now.
  const t0 = await sys.now();
  const windows = {
    joinStart: t0,
    joinEnd: t0 + DAY_S,
    taskEnd: t0 + 2 * DAY_S,
    qualityEnd: t0 + 3 * DAY_S,
    drawAt: t0 + 4 * DAY_S,
  };
  const provisional = campaignDay(0n, 0);
  await mined(
    k.campaigns.write.createCampaign(
      [
        {
          metadataURI: 'data:application/json,{"name":"Story: moods of the gallery"}',
          requiredScopes: scopesFor(provisional.submissions),
          minTqs: 3_000,
          capacity: CAPACITY,
          joinCap: 20,
          ...windows,
        },
        everyRewardType(1),
      ],
      { account: roles.admin },
    ),
  );
  const campaignId = await k.campaigns.read.campaignCount();
  await mined(k.token.write.approve([c.PrizeDraw, PACK_AMOUNT], { account: roles.admin }));
  await mined(k.draw.write.fund([campaignId, PACK_AMOUNT], { account: roles.admin }));

  // Everyone else in the two days is the platform's crowd: they consent too (impersonated on
  // the development chain, as the simulator does). The work starts after the last consent.
  const crowd = [...new Set([...practiceDay(0).labels.keys(), ...provisional.labels.keys()])];
  const { consentedBy } = await optInSimulatedUsers(
    stack.rpc,
    c.ParticipantRegistry,
    crowd,
    TASK_SCOPES,
  );
  const start = Math.ceil((Math.max(consentedBy, t0 * 1000) + 1) / 60_000) * 60_000;
  const practice = practiceDay(start);
  const work = campaignDay(campaignId, start + DAY_S * 1000);
  const roleOf = assignFans(practice, work, members);
  const campaigns: SimCampaign[] = [
    ...campaignsOf(practice, PRACTICE.seed),
    ...campaignsOf(work, CAMPAIGN_DAY.seed),
  ];
  await postCampaigns(stack.oracle, DEV_CLIENT, { campaigns });

  // 2. The practice day, posted by the platform; its campaigns close (gold sets revealed).
  step(
    `the practice day: ${practice.submissions.length} answers by ${practice.labels.size} people`,
  );
  await freshEpoch();
  await postSimulation(stack.oracle, DEV_CLIENT, { submissions: roleOf.practice });
  await postGoldReveals(stack.oracle, DEV_CLIENT, {
    campaigns: campaignsOf(practice, PRACTICE.seed),
  });
  const historyEpoch = epochNow();
  await wait(`TQS epoch ${historyEpoch} published`, () => finished(historyEpoch));
  const history = new Map<Address, { score: string; proof: Hex[] }>();
  for (const f of members) {
    const p = await tqsProof(historyEpoch, f.address);
    assert.ok(p, `${f.address} has a TQS in epoch ${historyEpoch}`);
    history.set(f.address, p);
  }
  step(
    `TQS epoch ${historyEpoch}: the fans' scores ${[...history.values()].map((p) => p.score).join(", ")}`,
  );
  // Anyone makes an epoch final once its challenge window has passed (never the oracle's own
  // account here: the running oracle sends from it).
  await increaseTime(stack.rpc, await k.scoreOracle.read.challengeWindow());
  await mined(
    k.scoreOracle.write.finalize([ScoreKind.TQS, historyEpoch], { account: members[0]! }),
  );

  // 3. Joins: twelve with proofs; the fan without the polls scope and the one without KYC are
  // refused by the contract, naming why.
  step("twelve fans join for eight places; two are refused (scopes, KYC)");
  for (const f of members) {
    const p = history.get(f.address)!;
    await mined(k.campaigns.write.join([campaignId, BigInt(p.score), p.proof], { account: f }));
  }
  for (const [f, why] of [
    [noPolls, "ScopesNotCovered"],
    [noKyc, "KycMissing"],
  ] as const)
    await assert.rejects(
      sys.publicClient.simulateContract({
        address: c.CampaignManager,
        abi: campaignManagerAbi,
        functionName: "join",
        args: [campaignId, 5_000n, []],
        account: f,
      }),
      new RegExp(why),
    );
  // Enrolment closes; the oracle's seed job commits after the close and reveals after the
  // entropy block; then anyone draws the selection.
  await mineAt(stack.rpc, windows.joinEnd + 1);
  const selectionKey = await k.campaigns.read.selectionKey([campaignId]);
  await seeded(sys, selectionKey, wait, "the selection seed");
  await mined(k.campaigns.write.drawSelection([campaignId, 100n], { account: members[0]! }));
  const isSelected = await Promise.all(
    members.map((f) => k.campaigns.read.isSelected([campaignId, f.address])),
  );
  const selected = members.filter((_, i) => isSelected[i]).map((f) => f.address);
  const notSelected = members.filter((_, i) => !isSelected[i]);
  assert.equal(selected.length, CAPACITY, "the selection fills the capacity, no more");
  step(`selected: ${selected.length} of ${members.length}`);

  // 4. The campaign's day. The fan without the polls scope answers a poll: refused, by name.
  step(`the campaign's day: ${work.submissions.length} answers, abusers among them`);
  await freshEpoch();
  const poll = work.submissions.find((s) => s.taskType === "poll_response")!;
  await assert.rejects(
    postSimulation(stack.oracle, DEV_CLIENT, {
      submissions: [
        { ...poll, id: `${poll.id}-no-consent`, account: noPolls.address.toLowerCase() },
      ],
    }),
    /HTTP 403 .*consent/i,
  );
  await postSimulation(stack.oracle, DEV_CLIENT, { submissions: roleOf.work });
  await postGoldReveals(stack.oracle, DEV_CLIENT, {
    campaigns: campaignsOf(work, CAMPAIGN_DAY.seed),
  });
  const workEpoch = epochNow();

  // 5. The epoch that scores the day records the completions: placeholders for the selected,
  // a skip (not selected) for the others.
  const ticketsOf = async () => {
    const out = new Map<Address, bigint>();
    for (const l of await sys.publicClient.getLogs({
      address: c.CampaignManager,
      event: getAbiItem({ abi: campaignManagerAbi, name: "CompletionsRecorded" }),
      args: { campaignId },
      fromBlock: 0n,
    }))
      l.args.accounts!.forEach((a, i) => out.set(a, l.args.firstTicketId! + BigInt(i)));
    return out;
  };
  const skips = async () =>
    new Map(
      (
        await sys.publicClient.getLogs({
          address: c.CampaignManager,
          event: getAbiItem({ abi: campaignManagerAbi, name: "CompletionSkipped" }),
          args: { campaignId },
          fromBlock: 0n,
        })
      ).map((l) => [l.args.account!, l.args.reason!]),
    );
  await wait(`epoch ${workEpoch} scored and its tickets recorded`, () => finished(workEpoch));
  const minted = await ticketsOf();
  const skipped = await skips();
  for (const f of notSelected) assert.equal(skipped.get(f.address), 0, "not selected: skipped");
  const stateOf = (id: bigint) => k.ticket.read.stateOf([id]);
  const abusive = new Set(roleOf.abusers);
  for (const a of selected) {
    const id = minted.get(a);
    if (id === undefined) {
      // An abuser whose TQS fell below the line this epoch is excluded: no ticket at all.
      assert.ok(abusive.has(a), `honest ${a} completed and got a placeholder`);
      continue;
    }
    if (abusive.has(a))
      assert.equal(await stateOf(id), PLACEHOLDER, `abuser ${a}'s ticket waits for review`);
  }
  const waiting = [...minted].filter(([a]) => abusive.has(a));
  assert.ok(waiting.length > 0, "at least one selected abuser holds a placeholder under review");
  step(
    `completions: ${minted.size} placeholders; ${waiting.length} of them held for review, ${selected.length - minted.size} selected abusers excluded`,
  );

  // The reviewer works through the queue: what the abusers did is upheld, flags on honest work
  // are dismissed, samples of honest work approved.
  const labelOf = new Map<string, Label>([...roleOf.labels]);
  const decisions = await reviewQueue(stack, (account) => labelOf.get(account));
  step(`the reviewer decided ${decisions} items`);
  const settled = await wait("the verdicts after review", async () => {
    const states = await Promise.all(
      [...minted].map(async ([a, id]) => [a, id, await stateOf(id)] as const),
    );
    return states.some(([, , s]) => s === PLACEHOLDER) ? undefined : states;
  });
  const activated: bigint[] = [];
  const voided: bigint[] = [];
  for (const [a, id, s] of settled) {
    assert.equal(s, abusive.has(a) ? VOID : ACTIVE, `${a}'s ticket ${id}`);
    (s === ACTIVE ? activated : voided).push(id);
  }
  step(`verdicts: ${activated.length} activated, ${voided.length} voided`);

  // 6. The holder of a voided ticket appeals; the reviewer grants it; the oracle re-issues.
  const voidedId = voided[0]!;
  const holder = settled.find(([, id]) => id === voidedId)![0];
  const appellant = members.find((f) => f.address === holder)!;
  const reason = "I wrote these with my study group; here are our drafts";
  const appeal = await signedAppeal(stack.oracle, appellant, voidedId, reason);
  assert.equal(appeal.status, 201, await appeal.text());
  await decidePending(stack, (item) => (item.kind === "appeal" ? "grant" : undefined));
  const newId = await wait("the re-issued ticket", async () => {
    const id = await k.ticket.read.reissuedAs([voidedId]);
    return id === 0n ? undefined : id;
  });
  assert.equal(await stateOf(newId), ACTIVE, "the re-issued ticket is active");
  assert.equal(await k.ticket.read.ownerOf([newId]), appellant.address);
  const audit = await (await fetch(`${stack.oracle}/v1/audit`)).text();
  assert.ok(!audit.includes(reason), "the appeal's words are not public");
  step(`appeal granted: ticket ${voidedId} re-issued as ${newId}`);

  // 7. Trading: a fan who was not selected buys an active ticket; a voided one cannot be listed.
  const [seller, soldId] = settled.find(([, , s]) => s === ACTIVE)!;
  const buyer = notSelected[0]!;
  const sellerAccount = members.find((f) => f.address === seller)!;
  await mined(
    k.ticket.write.setApprovalForAll([c.TicketMarketplace, true], { account: sellerAccount }),
  );
  await mined(k.market.write.list([c.Ticket, soldId, true, MESI(100)], { account: sellerAccount }));
  await mined(k.token.write.approve([c.TicketMarketplace, MESI(100)], { account: buyer }));
  await mined(k.market.write.buy([c.Ticket, soldId, MESI(100)], { account: buyer }));
  assert.equal(await k.ticket.read.ownerOf([soldId]), buyer.address);
  const stillVoid = voided.find((id) => id !== voidedId) ?? voidedId;
  const voidHolder = members.find(
    (f) => f.address === settled.find(([, id]) => id === stillVoid)![0],
  )!;
  await assert.rejects(
    sys.publicClient.simulateContract({
      address: c.TicketMarketplace,
      abi: k.market.abi,
      functionName: "list",
      args: [c.Ticket, stillVoid, true, MESI(1)],
      account: voidHolder,
    }),
  );
  step(`trading: ticket ${soldId} sold to a fan who was not selected`);

  // 8. The draw. The quality window closes; the latest TQS epoch is past its challenge window
  // and anyone makes it final; every active ticket enters with its holder's proof.
  await mineAt(stack.rpc, windows.qualityEnd + 1);
  const latest = await k.scoreOracle.read.lastPublishedEpoch([ScoreKind.TQS]);
  await mined(k.scoreOracle.write.finalize([ScoreKind.TQS, latest], { account: buyer }));
  const entrants = new Map<bigint, PrivateKeyAccount>();
  for (const id of [...activated, newId]) {
    const owner = await k.ticket.read.ownerOf([id]);
    entrants.set(
      id,
      members.find((f) => f.address === owner)!,
    );
  }
  for (const [id, owner] of entrants) {
    const p = await tqsProof(latest, owner.address);
    assert.ok(p, `${owner.address} has a TQS in epoch ${latest}`);
    await mined(k.draw.write.enter([id, BigInt(p.score), p.proof], { account: owner }));
  }
  step(`the draw: ${entrants.size} active tickets entered`);
  await mineAt(stack.rpc, windows.drawAt + 1);
  await seeded(sys, await k.draw.read.drawKey([campaignId]), wait, "the draw seed");
  await mined(k.draw.write.draw([campaignId, 100n], { account: buyer }));
  const won = await sys.publicClient.getLogs({
    address: c.PrizeDraw,
    event: getAbiItem({ abi: prizeDrawAbi, name: "WinnerDrawn" }),
    args: { campaignId },
    fromBlock: 0n,
  });
  const tiers = everyRewardType(1);
  assert.equal(won.length, tiers.length, "one winner per tier");
  const prizes = new Map<number, bigint>();
  for (const w of won) {
    const id = w.args.ticketId!;
    await mined(k.draw.write.claimPrize([id], { account: entrants.get(id)! }));
    prizes.set(tiers[Number(w.args.tier!)]!.kind, id);
  }
  const paid = await sys.publicClient.getLogs({
    address: c.PrizeDraw,
    event: getAbiItem({ abi: prizeDrawAbi, name: "PrizePaid" }),
    args: { campaignId },
    fromBlock: 0n,
  });
  assert.equal(paid.length, 1, "the $MESI pack was paid");
  assert.equal(paid[0]!.args.immediate, (PACK_AMOUNT * 2_000n) / 10_000n, "20% now");
  assert.equal(paid[0]!.args.vested, PACK_AMOUNT - paid[0]!.args.immediate!, "the rest vests");
  const redeemed = await sys.publicClient.getLogs({
    address: c.PrizeDraw,
    event: getAbiItem({ abi: prizeDrawAbi, name: "PrizeRedemption" }),
    args: { campaignId },
    fromBlock: 0n,
  });
  assert.deepEqual(
    redeemed.map((r) => r.args.kind).sort(),
    [1, 2, 3],
    "promo credits, the item and the promo slot await fulfilment",
  );
  step("every reward type claimed: the vested pack, credits, the item, the slot");

  return {
    campaignId,
    finalTqsEpochs: [historyEpoch, latest],
    selected,
    activated,
    voided,
    reissued: { voidedId, newId, holder },
    sold: { tokenId: soldId, seller, buyer: buyer.address },
    prizes,
  };
}

/** The stack's deployment, as `npm run deploy` recorded it in @mesi/abi. */
function stackDeployment(): SystemDeployment {
  const d = deploymentOn(31337);
  const missing = SYSTEM_CONTRACTS.filter((n) => !d?.contracts[n]);
  if (!d || missing.length) throw new Error(`the stack deployed no ${missing.join(", ")}`);
  return d as SystemDeployment;
}

const practiceDay = (start: number): Day =>
  generateDay({
    ...PRACTICE,
    start,
    firstCampaign: PRACTICE_FIRST_CAMPAIGN,
    accountOffset: 9_000,
  });

/** The campaign's day: its AI prompts, picture and mood ratings and polls (no questionnaires). */
function campaignDay(campaignId: bigint, start: number): Day {
  const day = generateDay({
    ...CAMPAIGN_DAY,
    start,
    campaigns: 1,
    firstCampaign: Number(campaignId),
    accountOffset: 5_000,
  });
  const tasks = day.tasks.filter((t) => t.kind !== "questionnaire");
  const kept = new Set(tasks.map((t) => t.taskId));
  return { ...day, tasks, submissions: day.submissions.filter((s) => kept.has(s.taskId)) };
}

/**
 * The fans take the places of simulated people: in the practice day the twelve who worked the
 * most; in the campaign's day seven honest people who answered every task, then the abusers.
 */
function assignFans(practice: Day, work: Day, fans: readonly PrivateKeyAccount[]) {
  const count = new Map<string, number>();
  for (const s of practice.submissions) count.set(s.account, (count.get(s.account) ?? 0) + 1);
  const busiest = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const inPractice = new Map(busiest.slice(0, fans.length).map(([a], i) => [a, fans[i]!]));

  const answered = new Map<string, Set<string>>();
  for (const s of work.submissions)
    answered.set(s.account, (answered.get(s.account) ?? new Set()).add(s.taskId));
  const everyTask = (a: string) => answered.get(a)?.size === work.tasks.length;
  const byLabel = (label: Label) => [...work.labels].filter(([, l]) => l === label).map(([a]) => a);
  const honest = byLabel("honest").filter(everyTask).slice(0, HONEST_FANS);
  const abusers = ABUSIVE_FANS.map(([label, rank]) => byLabel(label)[rank]!);
  for (const a of abusers) assert.ok(a && everyTask(a), "each abusive fan answers every task");
  const inWork = new Map([...honest, ...abusers].map((a, i) => [a, fans[i]!]));

  const remap = (subs: Day["submissions"], to: Map<string, PrivateKeyAccount>) =>
    subs.map((s) => {
      const fan = to.get(s.account);
      return fan ? { ...s, account: fan.address.toLowerCase() } : s;
    });
  // What the reviewer knows of each account the oracle sees: a fan is what it did in the campaign.
  const labels = new Map<string, Label>([...practice.labels, ...work.labels]);
  for (const [a, f] of inWork) labels.set(f.address.toLowerCase(), work.labels.get(a)!);
  return {
    practice: remap(practice.submissions, inPractice),
    work: remap(work.submissions, inWork),
    abusers: abusers.map((a) => inWork.get(a)!.address),
    labels,
  };
}

/** Waits for the oracle's seed job to seed `key` (the stack mines a block every second, so the
 * entropy block after its commit comes without help). */
async function seeded(
  sys: System,
  key: Hex,
  wait: <T>(what: string, ready: () => Promise<T | undefined>) => Promise<T>,
  what: string,
): Promise<Hex> {
  return wait(what, async () => {
    const [seed] = await sys.contracts.randomness.read.seedOf([key]);
    return seed === zeroHash ? undefined : seed;
  });
}

interface QueueItem {
  id: string;
  kind: "flag" | "sample" | "appeal";
  account: string;
}

/** Decides every pending review item `decide` has an answer for; returns how many. */
async function decidePending(
  stack: RunningStack,
  decide: (item: QueueItem) => string | undefined,
): Promise<number> {
  const headers = { "x-mesi-reviewer-key": stack.reviewerKey };
  let decided = 0;
  for (let after = "0"; ;) {
    const r = await fetch(
      `${stack.oracle}/v1/review/items?status=pending&limit=1000&after=${after}`,
      {
        headers,
      },
    );
    if (r.status !== 200) assert.fail(`GET /v1/review/items: ${r.status} ${await r.text()}`);
    const { items } = (await r.json()) as { items: QueueItem[] };
    if (!items.length) return decided;
    for (const item of items) {
      const decision = decide(item);
      if (!decision) continue;
      const d = await fetch(`${stack.oracle}/v1/review/items/${item.id}/decision`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ decision }),
      });
      assert.equal(d.status, 200, await d.text());
      decided++;
    }
    after = items.at(-1)!.id;
  }
}

/** The reviewer's judgement: abusive work is upheld, honest work cleared. */
const reviewQueue = (stack: RunningStack, labelOf: (account: string) => Label | undefined) =>
  decidePending(stack, (item) => {
    const label = labelOf(item.account);
    if (!label || item.kind === "appeal") return undefined;
    return label === "honest" ? "approve" : "flag";
  });

/** An appeal of a voided ticket, signed by its holder's wallet as the web app sends it. */
async function signedAppeal(
  oracle: string,
  holder: PrivateKeyAccount,
  ticketId: bigint,
  reason: string,
) {
  const n = await fetch(`${oracle}/v1/auth/nonce`);
  assert.equal(n.status, 201);
  const { nonce } = (await n.json()) as { nonce: string };
  const issuedAt = new Date().toISOString();
  const appeal = { target: "ticket", ticketId: ticketId.toString(), reason };
  const signature = await holder.signMessage({
    message: walletRequestMessage(
      APPEAL_ACTION,
      holder.address,
      appealFields(appeal),
      issuedAt,
      nonce,
    ),
  });
  return fetch(`${oracle}/v1/appeals`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ account: holder.address, ...appeal, issuedAt, nonce, signature }),
  });
}
