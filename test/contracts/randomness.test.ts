// Randomness nobody can grind (issue 8, point 2). Every input of a seed is fixed when the oracle
// commits after the set closed: its secret and the hash of the next block. A revealer who
// reveals and draws in one transaction that reverts unless the outcome suits it, block after
// block, always sees the same outcome; withholding the reveal gives a recorded fault and a
// fallback from a block fixed at commit, which nobody could compute while a reveal was possible.
import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import {
  BaseError,
  ContractFunctionRevertedError,
  encodeAbiParameters,
  keccak256,
  parseEther,
  toHex,
  type Hex,
} from "viem";
import { DAY, deployCore } from "../helpers/core.ts";
import { CLAIM_PERIOD, deployEconomy } from "../helpers/economy.ts";
import {
  HISTORY_ADDRESS,
  HISTORY_WINDOW,
  historyQuery,
  installHistory,
} from "../helpers/history.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const SECRET: Hex = keccak256(toHex("the oracle's secret"));
const BLOCKS = 12;

/** The revert of a grinding attempt: the seed it saw, or undefined if the outcome suited it. */
async function attempt(simulate: () => Promise<unknown>): Promise<Hex | undefined> {
  try {
    await simulate();
    return undefined;
  } catch (err) {
    const revert =
      err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : null;
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName === "Unwanted")
      return revert.data.args![0] as Hex;
    throw err;
  }
}

/** Five users joined an over-subscribed campaign (capacity 2); enrolment closed; seed committed. */
async function closedSelection() {
  const f = await deployCore(conn);
  const joiners = f.users.slice(0, 5);
  const scores = [9000n, 8000n, 7000n, 6000n, 5500n];
  for (const u of joiners) await f.onboard(u);
  const t = await f.publishFinalTqs(
    joiners.map((u, i) => ({ account: u.account.address, tqs: scores[i]! })),
  );
  const { id } = await f.createCampaign({ capacity: 2, joinCap: 5, minTqs: 0 });
  for (const [i, u] of joiners.entries())
    await f.campaigns.write.join([id, scores[i]!, t.proofOf(u.account.address)], {
      account: u.account,
    });
  await networkHelpers.time.increase(DAY);
  const key = await f.campaigns.read.selectionKey([id]);
  const grinder = await viem.deployContract("SeedGrinder", []);
  await f.commitSeed(key, SECRET);
  const commitBlock = await f.publicClient.getBlockNumber();
  return { ...f, joiners, id, key, grinder, commitBlock };
}

/** Five Active tickets entered in a one-winner draw; the draw time passed; seed committed. */
async function closedDraw() {
  const e = await deployEconomy(conn);
  const holders = e.users.slice(0, 5);
  const tqs = [9000n, 8000n, 7000n, 6000n, 5000n];
  const { campaignId, config, ids, tqsProof } = await e.activeTickets(holders, tqs);
  await e.token.write.approve([e.draw.address, parseEther("10000")]);
  await e.draw.write.fund([campaignId, parseEther("2000")]);
  await e.draw.write.setParticipationReward([campaignId, parseEther("10")]);
  await networkHelpers.time.increaseTo(config.qualityEnd);
  for (const [i, h] of holders.entries())
    await e.draw.write.enter([ids[i]!, tqs[i]!, tqsProof(h.account.address)], {
      account: h.account,
    });
  await networkHelpers.time.increaseTo(config.drawAt + 1);
  const key = await e.draw.read.drawKey([campaignId]);
  const grinder = await viem.deployContract("SeedGrinder", []);
  return { ...e, holders, ids, campaignId, config, key, grinder };
}

describe("Randomness: reveal-and-revert grinding", () => {
  it("campaign selection: every attempt over many blocks sees the same seed and outcome", async () => {
    const f = await networkHelpers.loadFixture(closedSelection);
    // The entropy block, and one on top: eth_call runs in the latest block's context.
    await networkHelpers.mine(2);
    const outcomes = new Set<string>();
    const seeds = new Set<Hex>();
    for (let b = 0; b < BLOCKS; b++) {
      const selected: string[] = [];
      for (const u of f.joiners) {
        const seen = await attempt(() =>
          f.grinder.simulate.grindSelection([
            f.randomness.address,
            f.campaigns.address,
            f.id,
            SECRET,
            u.account.address,
          ]),
        );
        if (seen === undefined) selected.push(u.account.address);
        else seeds.add(seen);
      }
      expect(selected.length).to.equal(2);
      outcomes.add(selected.join());
      // A real attempt for a user the outcome leaves out is mined and reverts; nothing changes.
      const unwanted = f.joiners.find((u) => !selected.includes(u.account.address))!;
      await viem.assertions.revertWithCustomError(
        f.grinder.write.grindSelection(
          [f.randomness.address, f.campaigns.address, f.id, SECRET, unwanted.account.address],
          { gas: 3_000_000n },
        ),
        f.grinder,
        "Unwanted",
      );
    }
    expect(outcomes.size, "the outcome never changed").to.equal(1);
    expect(seeds.size, "every attempt saw one seed").to.equal(1);
    // The honest reveal, in yet another block, gives that seed and that selection.
    await f.randomness.write.reveal([f.key, SECRET]);
    const { seed, entropyBlock } = await f.randomness.read.seedInfo([f.key]);
    expect(seed).to.equal([...seeds][0]);
    const entropyHash = (await f.publicClient.getBlock({ blockNumber: entropyBlock })).hash;
    expect(seed).to.equal(
      keccak256(
        encodeAbiParameters(
          [{ type: "bytes32" }, { type: "bytes32" }, { type: "bytes32" }],
          [SECRET, entropyHash, f.key],
        ),
      ),
    );
    await f.campaigns.write.drawSelection([f.id, 10n]);
    const selected = [];
    for (const u of f.joiners)
      if (await f.campaigns.read.isSelected([f.id, u.account.address]))
        selected.push(u.account.address);
    expect(selected.join()).to.equal([...outcomes][0]);
  });

  it("prize draw: every attempt over many blocks sees the same winner", async () => {
    const f = await networkHelpers.loadFixture(closedDraw);
    await f.commitSeed(f.key, SECRET);
    await networkHelpers.mine(2);
    const winners = new Set<string>();
    for (let b = 0; b < BLOCKS; b++) {
      const won: bigint[] = [];
      for (const id of f.ids) {
        const seen = await attempt(() =>
          f.grinder.simulate.grindDraw([
            f.randomness.address,
            f.draw.address,
            f.campaignId,
            SECRET,
            id,
          ]),
        );
        if (seen === undefined) won.push(id);
      }
      expect(won.length).to.equal(1);
      winners.add(won.join());
      await networkHelpers.mine();
    }
    expect(winners.size, "the winner never changed").to.equal(1);
    await f.randomness.write.reveal([f.key, SECRET]);
    await f.draw.write.draw([f.campaignId, 10n]);
    const [winner] = [...winners];
    expect((await f.draw.read.entryOf([BigInt(winner!)])).tier).to.equal(1);
  });

  it("a seed committed before the draw time is refused: its entropy block preceded the close", async () => {
    const f = await networkHelpers.loadFixture(closedDraw);
    const { campaignId, config } = await f.activeTickets(f.users.slice(6, 7));
    const key = await f.draw.read.drawKey([campaignId]);
    await f.commitSeed(key, SECRET);
    await f.revealSeed(key, SECRET);
    await networkHelpers.time.increaseTo(config.drawAt + 1);
    await viem.assertions.revertWithCustomError(
      f.draw.write.draw([campaignId, 1n]),
      f.draw,
      "SeedNotUsable",
    );
  });
});

describe("Randomness: the reveal window and the missed-reveal fault", () => {
  const fixture = () => closedSelection();

  it("a reveal needs the entropy block mined and is refused after the deadline", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const info = await f.randomness.read.seedInfo([f.key]);
    expect(info.entropyBlock).to.equal(f.commitBlock + 1n);
    expect(info.revealDeadline).to.equal(
      info.entropyBlock + (await f.randomness.read.REVEAL_WINDOW()),
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.randomness.write.reveal([f.key, SECRET]),
      f.randomness,
      "RevealTooEarly",
      [f.key, info.entropyBlock],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.randomness.write.settleMissedReveal([f.key]),
      f.randomness,
      "FallbackTooEarly",
      [f.key, info.revealDeadline],
    );
    const now = await f.publicClient.getBlockNumber();
    await networkHelpers.mine(Number(info.revealDeadline - now)); // the next block is past it
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.randomness.write.reveal([f.key, SECRET]),
      f.randomness,
      "RevealWindowClosed",
      [f.key, info.revealDeadline],
    );
  });

  it("withholding the reveal is a recorded fault; the fallback seed is fixed and the withholder cannot reveal after", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const info = await f.randomness.read.seedInfo([f.key]);
    const now = await f.publicClient.getBlockNumber();
    await networkHelpers.mine(Number(info.revealDeadline - now) + 3);
    const fallbackHash = (await f.publicClient.getBlock({ blockNumber: info.fallbackBlock })).hash;
    const expected = keccak256(
      encodeAbiParameters(
        [{ type: "bytes32" }, { type: "bytes32" }, { type: "string" }],
        [fallbackHash, f.key, "missed reveal"],
      ),
    );
    // Whoever settles it, in whatever block, the fallback is the same.
    const snapshot = await networkHelpers.takeSnapshot();
    await f.randomness.write.settleMissedReveal([f.key], { account: f.oracle.account });
    expect((await f.randomness.read.seedInfo([f.key])).seed).to.equal(expected);
    await snapshot.restore();
    await networkHelpers.mine(40);
    const outsider = f.users[9]!;
    await viem.assertions.emitWithArgs(
      f.randomness.write.settleMissedReveal([f.key], { account: outsider.account }),
      f.randomness,
      "RevealMissed",
      [f.key, info.revealDeadline, expected],
    );
    const after = await f.randomness.read.seedInfo([f.key]);
    expect(after.missed).to.equal(true);
    expect(after.seed).to.equal(expected);
    expect(await f.randomness.read.seedOf([f.key])).to.deep.equal([expected, info.committedAt]);
    await viem.assertions.revertWithCustomError(
      f.randomness.write.reveal([f.key, SECRET]),
      f.randomness,
      "AlreadyRevealed",
    );
    await viem.assertions.revertWithCustomError(
      f.randomness.write.settleMissedReveal([f.key]),
      f.randomness,
      "AlreadyRevealed",
    );
    // The fallback seed selects like any other.
    await f.campaigns.write.drawSelection([f.id, 10n]);
    expect((await f.campaigns.read.campaign([f.id])).selected).to.equal(2);
  });

  it("a commitment is the oracle's, once per key, and never zero", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.revertWithCustomError(
      f.randomness.write.commit([f.key, keccak256(toHex("again"))], { account: f.oracle.account }),
      f.randomness,
      "AlreadyCommitted",
    );
    const other = keccak256(toHex("another key"));
    await viem.assertions.revertWithCustomError(
      f.randomness.write.commit([other, `0x${"00".repeat(32)}`], { account: f.oracle.account }),
      f.randomness,
      "InvalidCommitment",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.randomness.write.reveal([other, SECRET]),
      f.randomness,
      "NotCommitted",
      [other],
    );
  });
});

describe("PrizeDraw: a draw whose seed never comes", () => {
  it("is abandoned after the grace period: tickets unlock with their reward, the budget reaches the revenue pool", async () => {
    const f = await networkHelpers.loadFixture(closedDraw);
    await viem.assertions.revertWithCustomError(
      f.draw.write.abandon([f.campaignId]),
      f.draw,
      "NotAbandonable",
    );
    await networkHelpers.time.increaseTo(f.config.drawAt + 14 * DAY);
    await viem.assertions.emitWithArgs(
      f.draw.write.abandon([f.campaignId]),
      f.draw,
      "DrawAbandoned",
      [f.campaignId],
    );
    await viem.assertions.revertWithCustomError(
      f.draw.write.abandon([f.campaignId]),
      f.draw,
      "NotAbandonable",
    );
    const holder = f.holders[0]!;
    await f.draw.write.exit([f.ids[0]!], { account: holder.account });
    expect(await f.ticket.read.isEntered([f.ids[0]!])).to.equal(false);
    expect(await f.token.read.balanceOf([holder.account.address])).to.equal(parseEther("10"));
    await networkHelpers.time.increase(CLAIM_PERIOD);
    await f.draw.write.sweepUnclaimed([f.campaignId]);
    expect(await f.distributor.read.pending()).to.equal(parseEther("1990"));
  });

  it("is not abandonable while a usable seed exists", async () => {
    const f = await networkHelpers.loadFixture(closedDraw);
    await f.commitSeed(f.key, SECRET);
    await f.revealSeed(f.key, SECRET);
    await networkHelpers.time.increaseTo(f.config.drawAt + 14 * DAY);
    await viem.assertions.revertWithCustomError(
      f.draw.write.abandon([f.campaignId]),
      f.draw,
      "NotAbandonable",
    );
    await f.draw.write.draw([f.campaignId, 10n]);
  });
});

/** The fallback seed a settlement must give whenever it lands: from the fallback block's hash. */
async function fallbackSeed(
  f: { publicClient: { getBlock(a: { blockNumber: bigint }): Promise<{ hash: Hex | null }> } },
  key: Hex,
  fallbackBlock: bigint,
) {
  const { hash } = await f.publicClient.getBlock({ blockNumber: fallbackBlock });
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "bytes32" }, { type: "string" }],
      [hash!, key, "missed reveal"],
    ),
  );
}

/** Mines until the next transaction lands `age` blocks after `fallbackBlock`. */
async function mineToAge(
  f: { publicClient: { getBlockNumber(): Promise<bigint> } },
  fallbackBlock: bigint,
  age: bigint,
) {
  const latest = await f.publicClient.getBlockNumber();
  const blocks = fallbackBlock + age - 1n - latest;
  if (blocks > 0n) await networkHelpers.mine(blocks);
}

const ZERO: Hex = `0x${"00".repeat(32)}`;

describe("CommitRevealRandomness: a fallback seed is fixed once", () => {
  /** A missed reveal: the selection's deadline passed, the EIP-2935 history holds the fallback block. */
  async function missedSelection() {
    const f = await closedSelection();
    const info = await f.randomness.read.seedInfo([f.key]);
    await mineToAge(f, info.fallbackBlock, 1n);
    await installHistory(networkHelpers, f.publicClient, [info.fallbackBlock]);
    const expected = await fallbackSeed(f, f.key, info.fallbackBlock);
    return { ...f, info, expected };
  }

  it("the history contract at the EIP-2935 address serves the fallback block's hash", async () => {
    const f = await networkHelpers.loadFixture(missedSelection);
    await networkHelpers.mine(); // eth_call runs in the latest block, which must follow it
    const { data } = await f.publicClient.call({
      to: HISTORY_ADDRESS,
      data: historyQuery(f.info.fallbackBlock),
    });
    const { hash } = await f.publicClient.getBlock({ blockNumber: f.info.fallbackBlock });
    expect(data).to.equal(hash);
    expect(await f.randomness.read.HISTORY()).to.equal(HISTORY_ADDRESS);
    expect(await f.randomness.read.HISTORY_WINDOW()).to.equal(HISTORY_WINDOW);
  });

  it("settling late never yields another seed: whoever times the settlement, at any age up to 8,191 blocks, sees the on-time seed and outcome", async () => {
    const f = await networkHelpers.loadFixture(missedSelection);
    const seeds = new Set<Hex>();
    const outcomes = new Set<string>();
    // Before the fix a settlement past 256 blocks re-armed the fallback to a new block: ten
    // tries sufficed to get a seed that selects a chosen account.
    for (const age of [2n, 100n, 255n, 300n, 1000n, 4000n, 8000n, 8190n]) {
      await mineToAge(f, f.info.fallbackBlock, age);
      const selected: string[] = [];
      for (const u of f.joiners) {
        const seen = await attempt(() =>
          f.grinder.simulate.grindSettlement([
            f.randomness.address,
            f.campaigns.address,
            f.id,
            u.account.address,
          ]),
        );
        if (seen === undefined) selected.push(u.account.address);
        else seeds.add(seen);
      }
      expect(selected.length, `age ${age}`).to.equal(2);
      outcomes.add(selected.join());
    }
    expect([...seeds], "every settlement saw the on-time seed").to.deep.equal([f.expected]);
    expect(outcomes.size, "the outcome never changed").to.equal(1);
    expect((await f.randomness.read.seedInfo([f.key])).fallbackBlock).to.equal(
      f.info.revealDeadline,
    );
  });

  it("a settlement at 1, 256, 257 and 8,191 blocks sets the same seed (BLOCKHASH, then the history contract); none moves the fallback block", async () => {
    const f = await networkHelpers.loadFixture(missedSelection);
    for (const age of [1n, 256n, 257n, HISTORY_WINDOW]) {
      const snapshot = await networkHelpers.takeSnapshot();
      await mineToAge(f, f.info.fallbackBlock, age);
      await viem.assertions.emitWithArgs(
        f.randomness.write.settleMissedReveal([f.key], { account: f.users[9]!.account }),
        f.randomness,
        "RevealMissed",
        [f.key, f.info.revealDeadline, f.expected],
      );
      const after = await f.randomness.read.seedInfo([f.key]);
      expect(after.seed, `age ${age}`).to.equal(f.expected);
      expect(after.fallbackBlock).to.equal(f.info.revealDeadline);
      expect(after.missed).to.equal(true);
      expect(after.failed).to.equal(false);
      await snapshot.restore();
    }
  });

  it("past 8,191 blocks the seed is FAILED: no seed, no re-arm, no later settlement or reveal, the selection is abandoned", async () => {
    const f = await networkHelpers.loadFixture(missedSelection);
    await mineToAge(f, f.info.fallbackBlock, HISTORY_WINDOW + 1n);
    await viem.assertions.emitWithArgs(
      f.randomness.write.settleMissedReveal([f.key]),
      f.randomness,
      "SeedFailed",
      [f.key, f.info.revealDeadline],
    );
    const after = await f.randomness.read.seedInfo([f.key]);
    expect(after.failed).to.equal(true);
    expect(after.missed).to.equal(true);
    expect(after.seed).to.equal(ZERO);
    expect(after.fallbackBlock).to.equal(f.info.revealDeadline);
    expect(await f.randomness.read.seedFailed([f.key])).to.equal(true);
    expect(await f.randomness.read.seedOf([f.key])).to.deep.equal([ZERO, f.info.committedAt]);
    // Trying again, later, never gives a seed: the failure is final.
    for (const wait of [0, 1, 300]) {
      await networkHelpers.mine(wait);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.randomness.write.settleMissedReveal([f.key]),
        f.randomness,
        "SeedAlreadyFailed",
        [f.key],
      );
    }
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.randomness.write.reveal([f.key, SECRET]),
      f.randomness,
      "SeedAlreadyFailed",
      [f.key],
    );
    await viem.assertions.revertWithCustomError(
      f.randomness.write.commit([f.key, keccak256(toHex("again"))], { account: f.oracle.account }),
      f.randomness,
      "AlreadyCommitted",
    );
    // The selection is abandoned: nobody is selected, so no completion mints a ticket.
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.campaigns.write.drawSelection([f.id, 10n]),
      f.campaigns,
      "SelectionFailed",
      [f.id],
    );
    for (const u of f.joiners)
      expect(await f.campaigns.read.isSelected([f.id, u.account.address])).to.equal(false);
    const addrs = f.joiners.map((u) => u.account.address);
    await viem.assertions.emitWithArgs(
      f.campaigns.write.recordCompletions([f.id, addrs], { account: f.oracle.account }),
      f.campaigns,
      "CompletionSkipped",
      [f.id, addrs[0]!, 0],
    );
    expect((await f.campaigns.read.campaign([f.id])).completed).to.equal(0);
  });

  it("a history contract that does not answer changes nothing: the settlement reverts, the seed neither changes nor fails", async () => {
    const f = await networkHelpers.loadFixture(closedSelection);
    const info = await f.randomness.read.seedInfo([f.key]);
    // Hardhat's own stub at the address reverts, like a chain without EIP-2935.
    await mineToAge(f, info.fallbackBlock, 300n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.randomness.write.settleMissedReveal([f.key]),
      f.randomness,
      "FallbackHashUnavailable",
      [f.key, info.revealDeadline],
    );
    expect(await f.randomness.read.seedInfo([f.key])).to.deep.equal(info);
    // Once the block has left the window the seed fails, as on any chain.
    await mineToAge(f, info.fallbackBlock, HISTORY_WINDOW + 1n);
    await viem.assertions.emit(
      f.randomness.write.settleMissedReveal([f.key]),
      f.randomness,
      "SeedFailed",
    );
  });

  it("a failed draw seed abandons the draw at once: every ticket unlocks with its reward, the budget reaches the revenue pool", async () => {
    const f = await networkHelpers.loadFixture(closedDraw);
    await f.commitSeed(f.key, SECRET);
    const info = await f.randomness.read.seedInfo([f.key]);
    await viem.assertions.revertWithCustomError(
      f.draw.write.abandon([f.campaignId]),
      f.draw,
      "NotAbandonable",
    );
    await mineToAge(f, info.fallbackBlock, HISTORY_WINDOW + 1n);
    await viem.assertions.emit(
      f.randomness.write.settleMissedReveal([f.key]),
      f.randomness,
      "SeedFailed",
    );
    await viem.assertions.revertWithCustomError(
      f.draw.write.draw([f.campaignId, 10n]),
      f.draw,
      "SeedNotUsable",
    );
    // Well before SEED_GRACE: a failed seed never comes, so there is nothing to wait for.
    expect(await f.now()).to.be.lessThan(f.config.drawAt + 14 * DAY);
    await viem.assertions.emitWithArgs(
      f.draw.write.abandon([f.campaignId]),
      f.draw,
      "DrawAbandoned",
      [f.campaignId],
    );
    for (const [i, h] of f.holders.entries()) {
      await viem.assertions.emitWithArgs(
        f.draw.write.exit([f.ids[i]!], { account: h.account }),
        f.draw,
        "TicketExited",
        [f.campaignId, f.ids[i]!, h.account.address, parseEther("10"), 0n],
      );
      expect(await f.ticket.read.isEntered([f.ids[i]!])).to.equal(false);
    }
    await networkHelpers.time.increase(CLAIM_PERIOD);
    await f.draw.write.sweepUnclaimed([f.campaignId]);
    expect(await f.distributor.read.pending()).to.equal(parseEther("1950"));
  });
});
