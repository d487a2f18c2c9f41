// A full Train2Earn campaign driven with viem on a fresh deployment, touching every product
// contract the way real users, the oracle and the operator do: galleries and items; consent,
// KYC, a revoked consent and a revoked KYC; TQS epochs (one final with per-rule flags, one
// rejected, one left pending); a campaign over capacity with a committed selection seed; joins,
// selection, completions with skips, verdicts with a void; listings (one re-priced, one
// cancelled, one left live), sales in $MESI and ETH, offers (accepted, cancelled, open); fees
// swept into the revenue pool; the prize draw (entries, winners, a $MESI pack and an item,
// exits); vesting (a release, a fan's self-lock, a revoked grant of an excluded account);
// a GALLERY epoch, its revenue pool, a claim, and the roll-over of what was left; a pop-up
// campaign whose draw is never seeded and is abandoned.
//
// Governance goes through the timelock: a fee change executed after the delay, a cancelled
// proposal, one left waiting. A seed reveal is missed and settled with the fallback (a fault).
//
// The indexer's integration test, the web app's end-to-end tests and the whole-stack scenario
// test run it; everything it did is returned so they can check what they show.
import { encodeFunctionData, keccak256, parseEther, toHex, type Address, type Hex } from "viem";
import { ScoreKind, summaryKey } from "@mesi/abi";
import { increaseTime, mineAt } from "./chain.ts";
import { deploySystem, type SystemDeployment } from "./deploy.ts";
import { DAY, campaignWindows, connectSystem, type System } from "./system.ts";

/** Scopes the scenario's campaign requires: AI prompts and polls. */
const CAMPAIGN_SCOPES = 1 | 16;
const SELECTION_SECRET: Hex = keccak256(toHex("scenario selection secret"));
const DRAW_SECRET: Hex = keccak256(toHex("scenario draw secret"));
const MESI = (n: number | string) => parseEther(String(n));

export interface ScenarioResult {
  deployment: SystemDeployment;
  /** Accounts by role (Ignition's defaults on the node's unlocked accounts). */
  roles: { admin: Address; oracle: Address; guardian: Address; kyc: Address };
  creators: Address[];
  /** Fans who joined the campaign, in join order; TQS in the same order. */
  fans: Address[];
  tqs: bigint[];
  /** A fan who opted in and then revoked consent (and whose KYC was revoked). */
  revoked: Address;
  campaignId: bigint;
  selected: Address[];
  notSelected: Address[];
  /** Excluded by the oracle: before completing (skipped), after completing (verdict skipped). */
  excluded: Address[];
  /** Placeholders minted for the completions, and the verdicts. */
  tickets: bigint[];
  activated: bigint[];
  voided: bigint[];
  /** The pop-up campaign of the two fans not selected, whose draw was abandoned (no seed). */
  abandonedCampaignId: bigint;
  /** The placeholder whose activation was skipped (its holder was excluded). */
  awaitingVerdict: bigint;
  /** The voided ticket re-issued after a granted appeal, and the new ticket. */
  reissued: { voidedId: bigint; newId: bigint };
  /** The live $MESI listing left on the market and its price. */
  liveListing: { tokenId: bigint; seller: Address; price: bigint };
  /** The open offer left on the market. */
  openOffer: { tokenId: bigint; bidder: Address; amount: bigint };
  /** Draw winners: ticket id → tier index. */
  winners: Map<bigint, number>;
  galleryEpoch: bigint;
  /** TQS epochs: final (with the per-rule summary), and the one left pending at the end. */
  tqsEpoch: bigint;
  pendingTqsEpoch: bigint;
  rejectedUserEpoch: bigint;
  /** The flag summary published with the final TQS epoch (rule id → flags). */
  flagSummary: Record<string, bigint>;
  /** Timelocked operations: executed (fee), cancelled (threshold), waiting (window). */
  timelock: { executed: Hex; cancelled: Hex; waiting: Hex };
}

/** Deploys with the Ignition module and runs the whole scenario; see the file header. */
export async function runScenario(url: string): Promise<ScenarioResult> {
  const deployment = await deploySystem(url);
  const sys = await connectSystem(url, deployment);
  return runCampaign(sys);
}

/** The scenario on an already deployed system (the node's accounts #7.. are its people). */
export async function runCampaign(sys: System): Promise<ScenarioResult> {
  const { contracts: k, roles, mined } = sys;
  const c = sys.deployment.contracts;
  const creators = [sys.at(7), sys.at(8)];
  const fans = [9, 10, 11, 12, 13, 14, 15, 16].map(sys.at);
  const revoked = sys.at(17);
  const tqs = [9000n, 8000n, 7500n, 7000n, 6500n, 6000n, 5500n, 5000n];

  // $MESI from the treasury to the people; two fans delegate to themselves (influence power).
  for (const p of [...creators, ...fans])
    await mined(k.token.write.transfer([p, MESI(10_000)], { account: roles.admin }));
  for (const f of fans.slice(0, 2)) await mined(k.token.write.delegate([f], { account: f }));

  // Galleries: creator 0 mints two items, creator 1 one.
  await mined(k.gallery.write.createGallery(["Dawn studies"], { account: creators[0]! }));
  await mined(k.gallery.write.createGallery(["Night market"], { account: creators[1]! }));
  for (const [creator, uri] of [
    [creators[0]!, "ipfs://dawn/1"],
    [creators[0]!, "ipfs://dawn/2"],
    [creators[1]!, "ipfs://night/1"],
  ] as const)
    await mined(k.gallery.write.mint([uri, 500n], { account: creator }));

  // Governance: the admin proposes a higher marketplace fee through the timelock (executed
  // weeks later by the guardian) and a new signature threshold that the guardian cancels.
  const feeChange = await sys.schedule(
    c.TicketMarketplace,
    encodeFunctionData({ abi: k.market.abi, functionName: "setFee", args: [300] }),
  );
  const thresholdChange = await sys.schedule(
    c.ScoreOracle,
    encodeFunctionData({ abi: k.scoreOracle.abi, functionName: "setThreshold", args: [3] }),
  );
  await thresholdChange.cancel();

  // Consent and KYC; one more person opts in, then withdraws consent and loses KYC.
  await sys.onboard([...fans, revoked]);
  await mined(k.registry.write.revokeConsent({ account: revoked }));
  await mined(k.registry.write.revokeKyc([revoked], { account: roles.kyc }));

  // TQS epoch 1 with its per-rule flag summary: final. USER epoch 1: rejected by the guardian.
  const flagSummary = { "bot-timing@1": 1n, "mass-upload@1": 0n, "near-duplicate@1": 2n };
  const tqsTree = await sys.publishScores(
    ScoreKind.TQS,
    fans.map((account, i) => ({ account, score: tqs[i]! })),
    flagSummary,
  );
  const user = await sys.publishScores(
    ScoreKind.USER,
    fans.map((account, i) => ({ account, score: BigInt(5 + i * 40) })),
  );
  await mined(
    k.scoreOracle.write.reject([ScoreKind.USER, user.epoch, "dataset does not match the root"], {
      account: roles.guardian,
    }),
  );
  await sys.finalize(ScoreKind.TQS, tqsTree.epoch);

  // A campaign with six places for eight fans: a $MESI pack and an item to win.
  const t0 = await sys.now();
  const config = {
    metadataURI: "ipfs://campaign/mood-of-the-week",
    requiredScopes: CAMPAIGN_SCOPES,
    minTqs: 5000,
    capacity: 6,
    joinCap: 8,
    ...campaignWindows(t0),
  };
  const tiers = [
    {
      kind: 0,
      winners: 1,
      amount: MESI(400),
      immediateBps: 2500,
      cliff: 0,
      duration: 100 * DAY,
      ref: `0x${"00".repeat(32)}` as Hex,
    },
    {
      kind: 2,
      winners: 1,
      amount: 1n,
      immediateBps: 0,
      cliff: 0,
      duration: 0,
      ref: keccak256(toHex("hoodie")),
    },
  ];
  await mined(k.campaigns.write.createCampaign([config, tiers], { account: roles.admin }));
  const campaignId = await k.campaigns.read.campaignCount();
  for (const [i, f] of fans.entries())
    await mined(
      k.campaigns.write.join([campaignId, tqs[i]!, tqsTree.proofOf(f).proof], { account: f }),
    );

  // Enrolment closes; only then the oracle commits (the seed mixes in the next block's hash),
  // reveals, and the TQS-weighted selection picks six.
  await mineAt(sys.url, config.joinEnd + 1);
  const selectionKey = await k.campaigns.read.selectionKey([campaignId]);
  await sys.commitAndReveal(selectionKey, SELECTION_SECRET);
  await mined(k.campaigns.write.drawSelection([campaignId, 10n], { account: roles.oracle }));
  const isSelected = await Promise.all(
    fans.map((f) => k.campaigns.read.isSelected([campaignId, f])),
  );
  const selected = fans.filter((_, i) => isSelected[i]);
  const notSelected = fans.filter((_, i) => !isSelected[i]);
  const holder = (i: number) => selected[i]!;

  // A pop-up campaign for the two fans who were not selected: its draw will never be seeded.
  const t1 = await sys.now();
  const popUp = {
    ...config,
    metadataURI: "ipfs://campaign/pop-up",
    capacity: 2,
    joinCap: 2,
    ...campaignWindows(t1),
  };
  await mined(k.campaigns.write.createCampaign([popUp, tiers], { account: roles.admin }));
  const popUpId = await k.campaigns.read.campaignCount();
  for (const f of notSelected)
    await mined(
      k.campaigns.write.join([popUpId, tqs[fans.indexOf(f)]!, tqsTree.proofOf(f).proof], {
        account: f,
      }),
    );

  // Completions: one selected fan was excluded meanwhile, one fan was not selected (both
  // skipped), the five others get placeholders; a repeat is skipped too.
  const excludedBefore = holder(5);
  await mined(
    k.registry.write.setExclusions([[excludedBefore], true, summaryKey("tqs-below-threshold")], {
      account: roles.oracle,
    }),
  );
  const first = await k.ticket.read.nextTokenId();
  await mined(
    k.campaigns.write.recordCompletions(
      [campaignId, [...selected.slice(0, 5), excludedBefore, notSelected[0]!]],
      { account: roles.oracle },
    ),
  );
  await mined(
    k.campaigns.write.recordCompletions([campaignId, [holder(0)]], { account: roles.oracle }),
  );
  const tickets = selected.slice(0, 5).map((_, i) => first + BigInt(i));

  // Verdicts: three pass, one fails (voided), and the fifth holder, excluded after completing,
  // has the activation skipped. A granted appeal then re-issues the voided ticket.
  const excludedAfter = holder(4);
  await mined(
    k.registry.write.setExclusions([[excludedAfter], true, summaryKey("review-upheld-fraud")], {
      account: roles.oracle,
    }),
  );
  const activated = tickets.slice(0, 3);
  const voided = [tickets[3]!];
  await mined(
    k.campaigns.write.recordVerdicts([campaignId, [...activated, tickets[4]!], voided], {
      account: roles.oracle,
    }),
  );
  const reissued = await k.ticket.read.nextTokenId();
  await mined(k.campaigns.write.reissueVoided([campaignId, voided], { account: roles.oracle }));
  const popUpFirst = await k.ticket.read.nextTokenId();
  await mined(
    k.campaigns.write.recordCompletions([popUpId, notSelected], { account: roles.oracle }),
  );
  const popUpTickets = notSelected.map((_, i) => popUpFirst + BigInt(i));
  await mined(
    k.campaigns.write.recordVerdicts([popUpId, popUpTickets, []], { account: roles.oracle }),
  );

  // The market: a $MESI sale, a re-priced listing left live, an accepted offer, an open
  // offer, a cancelled offer, an ETH sale of a gallery item, a cancelled gallery listing.
  const [sold, live, bid] = activated as [bigint, bigint, bigint];
  const buyer = notSelected[1]!;
  const bidder = notSelected[0]!;
  for (const h of [holder(0), holder(1), holder(2)])
    await mined(k.ticket.write.setApprovalForAll([c.TicketMarketplace, true], { account: h }));
  for (const f of fans)
    await mined(k.token.write.approve([c.TicketMarketplace, MESI(1_000_000)], { account: f }));
  await mined(k.market.write.list([c.Ticket, sold, true, MESI(100)], { account: holder(0) }));
  await mined(k.market.write.buy([c.Ticket, sold, MESI(100)], { account: buyer }));
  await mined(k.market.write.list([c.Ticket, live, true, MESI(150)], { account: holder(1) }));
  await mined(k.market.write.updatePrice([c.Ticket, live, MESI(120)], { account: holder(1) }));
  const expiry = (await sys.now()) + 30 * DAY;
  await mined(k.market.write.makeOffer([c.Ticket, bid, MESI(80), expiry], { account: bidder }));
  await mined(
    k.market.write.acceptOffer([c.Ticket, bid, bidder, MESI(80)], { account: holder(2) }),
  );
  await mined(k.market.write.makeOffer([c.Ticket, live, MESI(50), expiry], { account: buyer }));
  await mined(k.market.write.makeOffer([c.Ticket, live, MESI(40), expiry], { account: bidder }));
  await mined(k.market.write.cancelOffer([c.Ticket, live], { account: bidder }));
  for (const creator of creators)
    await mined(
      k.gallery.write.setApprovalForAll([c.TicketMarketplace, true], { account: creator }),
    );
  await mined(
    k.market.write.list([c.GalleryCollection, 1n, false, MESI("0.5")], { account: creators[0]! }),
  );
  await mined(
    k.market.write.buy([c.GalleryCollection, 1n, MESI("0.5")], {
      account: fans[2]!,
      value: MESI("0.5"),
    }),
  );
  await mined(
    k.market.write.list([c.GalleryCollection, 3n, true, MESI(900)], { account: creators[1]! }),
  );
  await mined(k.market.write.cancel([c.GalleryCollection, 3n], { account: creators[1]! }));
  await mined(k.market.write.sweepFees({ account: roles.admin }));
  await mined(k.market.write.withdrawCredit([c.MesiToken], { account: roles.admin }));

  // The draw: funded, a participation reward fixed before entries open.
  await mined(k.token.write.approve([c.PrizeDraw, MESI(1_000_000)], { account: roles.admin }));
  await mined(k.draw.write.fund([campaignId, MESI(1_000)], { account: roles.admin }));
  await mined(
    k.draw.write.setParticipationReward([campaignId, MESI(10)], { account: roles.admin }),
  );
  await mineAt(sys.url, config.qualityEnd);
  // The bought ticket and the one won by the offer enter; the live listing stays out.
  const owners = new Map<bigint, Address>([
    [sold, buyer],
    [bid, bidder],
  ]);
  for (const [id, owner] of owners)
    await mined(
      k.draw.write.enter([id, tqs[fans.indexOf(owner)]!, tqsTree.proofOf(owner).proof], {
        account: owner,
      }),
    );
  // The oracle commits the draw's seed after the draw time but never reveals it: past the
  // reveal deadline anyone settles the fallback seed, recorded on chain as a fault.
  await mineAt(sys.url, config.drawAt + 1);
  const drawKey = await k.draw.read.drawKey([campaignId]);
  await sys.commitAndMiss(drawKey, DRAW_SECRET);
  await mined(k.draw.write.draw([campaignId, 10n], { account: roles.oracle }));
  // One pop-up ticket enters the pop-up draw, which nobody seeds.
  await mineAt(sys.url, Math.max((await sys.now()) + 1, popUp.qualityEnd));
  const popUpEntrant = notSelected[0]!;
  await mined(
    k.draw.write.enter(
      [popUpTickets[0]!, tqs[fans.indexOf(popUpEntrant)]!, tqsTree.proofOf(popUpEntrant).proof],
      { account: popUpEntrant },
    ),
  );
  const winners = new Map<bigint, number>();
  for (const id of owners.keys()) {
    const entry = await k.draw.read.entryOf([id]);
    if (entry.tier > 0) winners.set(id, entry.tier - 1);
  }
  for (const [id, owner] of owners) {
    if (winners.has(id)) await mined(k.draw.write.claimPrize([id], { account: owner }));
    await mined(k.draw.write.exit([id], { account: owner }));
  }

  // Vesting: a fan locks $MESI for half a year; a revocable grant to the fan excluded before
  // completing is revoked for fraud.
  const fraud = excludedBefore;
  await mined(k.token.write.approve([c.VestingVault, MESI(1_000_000)], { account: fans[0]! }));
  await mined(
    k.vault.write.lock([MESI(500), (await sys.now()) + 180 * DAY], { account: fans[0]! }),
  );
  await mined(k.token.write.approve([c.VestingVault, MESI(1_000_000)], { account: roles.admin }));
  const grantNonce = await k.vault.read.nextNonce();
  await mined(
    k.vault.write.createSchedules(
      [
        [
          {
            beneficiary: fraud,
            amount: MESI(600),
            start: await sys.now(),
            cliff: 0,
            duration: 60 * DAY,
            revocable: true,
          },
        ],
      ],
      { account: roles.admin },
    ),
  );
  await increaseTime(sys.url, 6 * DAY);
  await mined(
    k.vault.write.revoke([fraud, grantNonce, keccak256(toHex("case-17"))], {
      account: roles.admin,
    }),
  );

  // Revenue: the treasury adds to the fees; a GALLERY epoch becomes final; its pool opens; one
  // creator claims (vested: above the direct-payout limit), the other lets it expire.
  await mined(
    k.token.write.approve([c.RevenueDistributor, MESI(1_000_000)], { account: roles.admin }),
  );
  await mined(k.distributor.write.fund([MESI(2_000)], { account: roles.admin }));
  const galleryScores = [
    { account: creators[0]!, score: 300n },
    { account: creators[1]!, score: 100n },
  ];
  const gallery = await sys.publishScores(ScoreKind.GALLERY, galleryScores);
  await sys.finalize(ScoreKind.GALLERY, gallery.epoch);
  await mined(k.distributor.write.openPool([gallery.epoch], { account: roles.oracle }));
  const claim = gallery.proofOf(creators[0]!);
  await mined(
    k.distributor.write.claim([gallery.epoch, claim.score, claim.salt, claim.proof], {
      account: creators[0]!,
    }),
  );

  // Fifty days on: a prize's vested part is released, the pool rolls over, the draw's
  // unclaimed budget goes to the revenue pool.
  await increaseTime(sys.url, 50 * DAY);
  for (const [id, owner] of owners) {
    if (winners.get(id) !== 0) continue;
    const nonces = await vestingNoncesOf(sys, owner);
    await mined(k.vault.write.release([owner, nonces], { account: owner }));
  }
  await mined(k.distributor.write.rollOver([gallery.epoch], { account: roles.admin }));
  await mined(k.draw.write.sweepUnclaimed([campaignId], { account: roles.admin }));
  // The pop-up draw's seed never came: past the grace period anyone abandons it, and the
  // entrant's ticket is unlocked on exit.
  await mined(k.draw.write.abandon([popUpId], { account: roles.admin }));
  await mined(k.draw.write.exit([popUpTickets[0]!], { account: popUpEntrant }));

  // The fee change waited out the timelock: the guardian executes it. A longer challenge window
  // is proposed and left waiting.
  await feeChange.execute();
  const windowChange = await sys.schedule(
    c.ScoreOracle,
    encodeFunctionData({
      abi: k.scoreOracle.abi,
      functionName: "setChallengeWindow",
      args: [7200],
    }),
  );

  // A second TQS epoch is published and left inside its challenge window (pending).
  const pending = await sys.publishScores(
    ScoreKind.TQS,
    fans.map((account, i) => ({ account, score: tqs[i]! - 100n })),
    { "bot-timing@1": 3n, "near-duplicate@1": 0n },
  );

  return {
    deployment: sys.deployment,
    roles: { admin: roles.admin, oracle: roles.oracle, guardian: roles.guardian, kyc: roles.kyc },
    creators,
    fans,
    tqs,
    revoked,
    campaignId,
    selected,
    notSelected,
    excluded: [excludedBefore, excludedAfter],
    tickets,
    activated,
    voided,
    awaitingVerdict: tickets[4]!,
    abandonedCampaignId: popUpId,
    reissued: { voidedId: voided[0]!, newId: reissued },
    liveListing: { tokenId: live, seller: holder(1), price: MESI(120) },
    openOffer: { tokenId: live, bidder: buyer, amount: MESI(50) },
    winners,
    galleryEpoch: gallery.epoch,
    tqsEpoch: tqsTree.epoch,
    pendingTqsEpoch: pending.epoch,
    rejectedUserEpoch: user.epoch,
    flagSummary,
    timelock: { executed: feeChange.id, cancelled: thresholdChange.id, waiting: windowChange.id },
  };
}

/** Nonces of `beneficiary`'s schedules with something vested and not yet released. */
async function vestingNoncesOf(sys: System, beneficiary: Address): Promise<bigint[]> {
  const logs = await sys.publicClient.getContractEvents({
    address: sys.deployment.contracts.VestingVault,
    abi: sys.contracts.vault.abi,
    eventName: "ScheduleCreated",
    args: { beneficiary },
    fromBlock: 0n,
  });
  const nonces = logs.map((l) => l.args.nonce!);
  const t = BigInt(await sys.now());
  const due: bigint[] = [];
  for (const n of nonces) {
    const vested = await sys.contracts.vault.read.vestedAt([beneficiary, n, t]);
    const released = await sys.contracts.vault.read.releasedOf([beneficiary, n]);
    if (vested > released) due.push(n);
  }
  return due;
}
