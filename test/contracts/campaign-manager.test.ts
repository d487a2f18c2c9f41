import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import { getAddress, keccak256, toHex, zeroHash, type Hex } from "viem";
import { DAY, SCOPES, POLICY, commitmentOf, deployCore, type Core } from "../helpers/core.ts";
import { weightedDraw } from "../../abi/src/draw.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const fixture = () => deployCore(conn);

type User = Core["users"][number];

/** Onboards `n` users, publishes a final TQS epoch for them, and returns them with proofs. */
async function withTqs(f: Core, tqs: bigint[]) {
  const users = f.users.slice(0, tqs.length);
  for (const u of users) await f.onboard(u);
  const t = await f.publishFinalTqs(
    users.map((u, i) => ({ account: u.account.address, tqs: tqs[i]! })),
  );
  const join = (id: bigint, u: User, score = tqs[users.indexOf(u)]!) =>
    f.campaigns.write.join([id, score, t.proofOf(u.account.address)], { account: u.account });
  return { users, t, join };
}

const SECRET: Hex = keccak256(toHex("oracle secret"));

describe("CampaignManager: creation", () => {
  it("creates a campaign with tiers and refuses invalid configs naming the field", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, config } = await f.createCampaign();
    expect(id).to.equal(1n);
    const c = await f.campaigns.read.campaign([id]);
    expect(c.capacity).to.equal(config.capacity);
    expect(await f.campaigns.read.metadataURI([id])).to.equal("ipfs://campaign");
    expect((await f.campaigns.read.rewardTiers([id])).length).to.equal(1);
    for (const [field, override] of [
      ["requiredScopes", { requiredScopes: 0 }],
      ["minTqs", { minTqs: 10_001 }],
      ["capacity", { capacity: 0 }],
      ["joinCap", { joinCap: 1, capacity: 2 }],
      ["taskEnd", { taskEnd: 1 }],
    ] as const) {
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.createCampaign(override),
        f.campaigns,
        "InvalidConfig",
        [field],
      );
    }
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.campaigns.read.campaign([9n]),
      f.campaigns,
      "UnknownCampaign",
      [9n],
    );
  });
});

describe("CampaignManager: join", () => {
  it("an eligible user with a proved TQS joins once", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { users, join, t } = await withTqs(f, [8000n]);
    const { id } = await f.createCampaign();
    await viem.assertions.emitWithArgs(join(id, users[0]!), f.campaigns, "Joined", [
      id,
      users[0]!.account.address,
      8000,
      t.epoch,
      1,
    ]);
    // Joins could still take the campaign over capacity: nobody is selected before the close.
    expect(await f.campaigns.read.isSelected([id, users[0]!.account.address])).to.equal(false);
    await viem.assertions.revertWithCustomError(join(id, users[0]!), f.campaigns, "AlreadyJoined");
    await networkHelpers.time.increase(DAY);
    expect(await f.campaigns.read.isSelected([id, users[0]!.account.address])).to.equal(true);
  });

  it("refuses a user without consent, with revoked consent, or with too few scopes", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { users, join } = await withTqs(f, [8000n, 8000n, 8000n]);
    const { id } = await f.createCampaign();
    const [never, revoked, narrow] = users as [User, User, User];
    // `never`: KYC'd but never opted in.
    await f.registry.write.revokeConsent({ account: never.account });
    const fresh = f.users[5]!;
    await f.registry.write.attestKyc([fresh.account.address, (await f.now()) + DAY * 30, POLICY], {
      account: f.kyc.account,
    });
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.join([id, 1n, []], { account: fresh.account }),
      f.campaigns,
      "NoConsent",
    );
    await f.registry.write.revokeConsent({ account: revoked.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      join(id, revoked),
      f.campaigns,
      "ConsentRevoked",
      [revoked.account.address],
    );
    await f.registry.write.optIn([SCOPES.PICTURE_RATING, POLICY], { account: narrow.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      join(id, narrow),
      f.campaigns,
      "ScopesNotCovered",
      [narrow.account.address, SCOPES.AI_PROMPTS | SCOPES.POLLS, SCOPES.PICTURE_RATING],
    );
    await viem.assertions.revertWithCustomError(join(id, never), f.campaigns, "ConsentRevoked");
  });

  it("refuses missing or expired KYC and excluded users", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { users, join } = await withTqs(f, [8000n, 8000n, 8000n]);
    const { id } = await f.createCampaign({
      joinEnd: (await f.now()) + 400 * DAY,
      taskEnd: (await f.now()) + 401 * DAY,
      qualityEnd: (await f.now()) + 402 * DAY,
      drawAt: (await f.now()) + 403 * DAY,
    });
    const [a, b, c] = users as [User, User, User];
    await f.registry.write.revokeKyc([a.account.address], { account: f.kyc.account });
    await viem.assertions.revertWithCustomError(join(id, a), f.campaigns, "KycMissing");
    await f.registry.write.setExclusions(
      [[b.account.address], true, keccak256(toHex("trust-decay"))],
      {
        account: f.oracle.account,
      },
    );
    await viem.assertions.revertWithCustomError(join(id, b), f.campaigns, "Excluded");
    await networkHelpers.time.increase(366 * DAY);
    await viem.assertions.revertWithCustomError(join(id, c), f.campaigns, "KycExpired");
  });

  it("refuses a TQS below the minimum, a forged TQS, and a join with no final TQS epoch", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id: early } = await f.createCampaign();
    const u = f.users[0]!;
    await f.onboard(u);
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.join([early, 9000n, []], { account: u.account }),
      f.campaigns,
      "NoFinalTqsEpoch",
    );
    const { users, join } = await withTqs(f, [4000n, 9000n]);
    const { id } = await f.createCampaign();
    await viem.assertions.revertWithCustomErrorWithArgs(
      join(id, users[0]!),
      f.campaigns,
      "TqsTooLow",
      [4000n, 5000],
    );
    // Claiming a higher score than committed fails the proof.
    await viem.assertions.revertWithCustomError(
      join(id, users[0]!, 9000n),
      f.campaigns,
      "InvalidTqsProof",
    );
  });

  it("refuses joins outside the enrolment window and past the join cap", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { users, join } = await withTqs(f, [8000n, 8000n, 8000n]);
    const t = await f.now();
    const { id: later } = await f.createCampaign({
      joinStart: t + DAY,
      joinEnd: t + 2 * DAY,
      taskEnd: t + 3 * DAY,
      qualityEnd: t + 4 * DAY,
      drawAt: t + 5 * DAY,
    });
    await viem.assertions.revertWithCustomError(
      join(later, users[0]!),
      f.campaigns,
      "EnrolmentClosed",
    );
    const { id } = await f.createCampaign({ capacity: 1, joinCap: 2 });
    await join(id, users[0]!);
    await join(id, users[1]!);
    await viem.assertions.revertWithCustomErrorWithArgs(
      join(id, users[2]!),
      f.campaigns,
      "CampaignFull",
      [id],
    );
    await networkHelpers.time.increase(DAY);
    await join(later, users[0]!); // the window is open now
    await networkHelpers.time.increase(DAY);
    await viem.assertions.revertWithCustomError(
      join(later, users[1]!),
      f.campaigns,
      "EnrolmentClosed",
    );
  });

  it("a paused manager refuses joins", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { users, join } = await withTqs(f, [8000n]);
    const { id } = await f.createCampaign();
    await f.campaigns.write.pause();
    await viem.assertions.revertWithCustomError(join(id, users[0]!), f.campaigns, "EnforcedPause");
    await f.campaigns.write.unpause();
    await join(id, users[0]!);
  });
});

describe("CampaignManager: selection over capacity", () => {
  async function oversubscribed(f: Core) {
    const scores = [9000n, 8000n, 7000n, 6000n, 5500n];
    const { users, join } = await withTqs(f, scores);
    const { id, config } = await f.createCampaign({ capacity: 2, joinCap: 5 });
    for (const u of users) await join(id, u);
    return { id, config, users, key: await f.campaigns.read.selectionKey([id]) };
  }

  it("draws exactly capacity distinct joined users from a seed committed after close", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, users, key } = await oversubscribed(f);
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.drawSelection([id, 10n]),
      f.campaigns,
      "EnrolmentOpen",
    );
    await networkHelpers.time.increase(DAY);
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.drawSelection([id, 10n]),
      f.campaigns,
      "SeedNotUsable",
    );
    await f.commitSeed(key, SECRET);
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.drawSelection([id, 10n]),
      f.campaigns,
      "SeedNotUsable",
    );
    await f.revealSeed(key, SECRET);
    await f.campaigns.write.drawSelection([id, 1n]); // chunked
    await f.campaigns.write.drawSelection([id, 10n]);
    const selected = [];
    for (const u of users)
      if (await f.campaigns.read.isSelected([id, u.account.address])) selected.push(u);
    expect(selected.length).to.equal(2);
    expect((await f.campaigns.read.campaign([id])).selected).to.equal(2);
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.drawSelection([id, 1n]),
      f.campaigns,
      "SelectionDone",
    );
  });

  it("refuses a seed committed while enrolment was open, and a wrong secret", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, key } = await oversubscribed(f);
    // Committed before the close: the entropy block could precede the last join.
    await f.commitSeed(key, SECRET);
    await networkHelpers.mine();
    await viem.assertions.revertWithCustomError(
      f.randomness.write.reveal([key, keccak256(toHex("other"))]),
      f.randomness,
      "SecretMismatch",
    );
    await f.randomness.write.reveal([key, SECRET]);
    await viem.assertions.revertWithCustomError(
      f.randomness.write.reveal([key, SECRET]),
      f.randomness,
      "AlreadyRevealed",
    );
    await networkHelpers.time.increase(DAY);
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.drawSelection([id, 1n]),
      f.campaigns,
      "SeedNotUsable",
    );
  });

  it("needs no draw under capacity; a reveal before the entropy block is refused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { users, join } = await withTqs(f, [9000n]);
    const { id } = await f.createCampaign();
    await join(id, users[0]!);
    const key = await f.campaigns.read.selectionKey([id]);
    await viem.assertions.revertWithCustomError(
      f.randomness.write.reveal([key, SECRET]),
      f.randomness,
      "NotCommitted",
    );
    await networkHelpers.time.increase(DAY);
    await f.commitSeed(key, SECRET);
    await viem.assertions.revertWithCustomError(
      f.randomness.write.commit([key, commitmentOf(SECRET)], { account: f.oracle.account }),
      f.randomness,
      "AlreadyCommitted",
    );
    const { entropyBlock } = await f.randomness.read.seedInfo([key]);
    // The reveal would land in the entropy block itself, whose hash does not exist yet.
    expect(await f.publicClient.getBlockNumber()).to.equal(entropyBlock - 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.randomness.write.reveal([key, SECRET]),
      f.randomness,
      "RevealTooEarly",
      [key, entropyBlock],
    );
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.drawSelection([id, 1n]),
      f.campaigns,
      "NoSelectionNeeded",
    );
  });

  it("anyone recomputes the selection from chain data (seed + entries)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, users, key } = await oversubscribed(f);
    await networkHelpers.time.increase(DAY);
    await f.commitSeed(key, SECRET);
    await f.revealSeed(key, SECRET);
    await f.campaigns.write.drawSelection([id, 10n]);
    const seed = (await f.randomness.read.seedInfo([key])).seed;
    const entries: { account: string; weight: bigint }[] = [];
    for (let i = 0n; i < BigInt(users.length); i++) {
      const [account, weight] = await f.campaigns.read.entryAt([id, i]);
      entries.push({ account, weight });
    }
    // The TypeScript twin of WeightedDraw (@mesi/abi) recomputes the winners.
    const expected = weightedDraw(
      entries.map((e) => e.weight),
      seed,
      2,
    ).map((d) => entries[d.index]!.account.toLowerCase());
    for (const u of users) {
      expect(await f.campaigns.read.isSelected([id, u.account.address])).to.equal(
        expected.includes(u.account.address.toLowerCase()),
      );
    }
  });
});

describe("CampaignManager: completions and verdicts", () => {
  async function joined(f: Core, n = 3) {
    const { users, join } = await withTqs(
      f,
      Array.from({ length: n }, () => 8000n),
    );
    const { id, config } = await f.createCampaign({ capacity: n, joinCap: n });
    for (const u of users) await join(id, u);
    return { id, config, users };
  }

  it("mints one locked placeholder per completion; a second completion and a non-member are skipped", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, users } = await joined(f);
    const outsider = f.users[8]!;
    const addrs = users.map((u) => u.account.address);
    await f.campaigns.write.recordCompletions(
      [id, [...addrs, addrs[0]!, outsider.account.address]],
      { account: f.oracle.account },
    );
    expect(await f.ticket.read.balanceOf([addrs[0]!])).to.equal(1n);
    expect(await f.ticket.read.stateOf([1n])).to.equal(1); // Placeholder
    expect(await f.ticket.read.locked([1n])).to.equal(true);
    expect(await f.ticket.read.campaignOf([1n])).to.equal(id);
    await viem.assertions.emitWithArgs(
      f.campaigns.write.recordCompletions([id, [addrs[0]!]], { account: f.oracle.account }),
      f.campaigns,
      "CompletionSkipped",
      [id, addrs[0]!, 1],
    );
    expect((await f.campaigns.read.campaign([id])).completed).to.equal(3);
  });

  it("revoked consent stops completions from then on", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, users } = await joined(f, 2);
    await f.registry.write.revokeConsent({ account: users[1]!.account });
    await viem.assertions.emitWithArgs(
      f.campaigns.write.recordCompletions([id, users.map((u) => u.account.address)], {
        account: f.oracle.account,
      }),
      f.campaigns,
      "CompletionSkipped",
      [id, users[1]!.account.address, 2],
    );
    expect(await f.ticket.read.balanceOf([users[1]!.account.address])).to.equal(0n);
    expect(await f.ticket.read.balanceOf([users[0]!.account.address])).to.equal(1n);
  });

  it("verdicts activate or void placeholders, never twice, never a voided one", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, users } = await joined(f);
    await f.campaigns.write.recordCompletions([id, users.map((u) => u.account.address)], {
      account: f.oracle.account,
    });
    await viem.assertions.emitWithArgs(
      f.campaigns.write.recordVerdicts([id, [1n, 2n], [3n]], { account: f.oracle.account }),
      f.campaigns,
      "VerdictsRecorded",
      [id, 2n, 1n],
    );
    expect(await f.ticket.read.stateOf([1n])).to.equal(2); // Active
    expect(await f.ticket.read.locked([1n])).to.equal(false);
    expect(await f.ticket.read.stateOf([3n])).to.equal(3); // Void
    expect(await f.ticket.read.campaignOf([3n])).to.equal(id);
    expect(await f.ticket.read.balanceOf([users[2]!.account.address])).to.equal(0n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.campaigns.write.recordVerdicts([id, [1n], []], { account: f.oracle.account }),
      f.ticket,
      "NotPlaceholder",
      [1n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.campaigns.write.recordVerdicts([id, [3n], []], { account: f.oracle.account }),
      f.ticket,
      "NotPlaceholder",
      [3n],
    );
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.recordVerdicts([id, [], [1n]], { account: f.oracle.account }),
      f.ticket,
      "NotPlaceholder",
    );
  });

  it("verdicts for another campaign's ticket and after the quality deadline are refused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, users } = await joined(f, 1);
    await f.campaigns.write.recordCompletions([id, [users[0]!.account.address]], {
      account: f.oracle.account,
    });
    const { id: other } = await f.createCampaign();
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.recordVerdicts([other, [1n], []], { account: f.oracle.account }),
      f.ticket,
      "WrongCampaign",
    );
    // A duplicate inside one batch cannot activate twice: the whole batch reverts.
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.campaigns.write.recordVerdicts([id, [1n, 1n], []], { account: f.oracle.account }),
      f.ticket,
      "NotPlaceholder",
      [1n],
    );
    await networkHelpers.time.increase(4 * DAY);
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.recordVerdicts([id, [1n], []], { account: f.oracle.account }),
      f.campaigns,
      "QualityWindowClosed",
    );
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.recordCompletions([id, [users[0]!.account.address]], {
        account: f.oracle.account,
      }),
      f.campaigns,
      "QualityWindowClosed",
    );
  });
});

describe("CampaignManager: capacity holds", () => {
  const asOracle = (f: Core) => ({ account: f.oracle.account });

  it("no completion while enrolment could still go over capacity; afterwards only the selected complete", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const scores = [9000n, 8000n, 7000n, 6000n, 5500n];
    const { users, join } = await withTqs(f, scores);
    const addrs = users.map((u) => u.account.address);
    const { id } = await f.createCampaign({ capacity: 2, joinCap: 5 });
    // Two early joiners, under capacity: before, both were counted as selected and completed.
    await join(id, users[0]!);
    await join(id, users[1]!);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.campaigns.write.recordCompletions([id, addrs.slice(0, 2)], asOracle(f)),
      f.campaigns,
      "EnrolmentOpen",
      [id],
    );
    for (const u of users.slice(2)) await join(id, u);
    await networkHelpers.time.increase(DAY);
    // Closed, over capacity, not drawn yet: nobody is selected, every completion is skipped.
    await viem.assertions.emitWithArgs(
      f.campaigns.write.recordCompletions([id, addrs], asOracle(f)),
      f.campaigns,
      "CompletionSkipped",
      [id, getAddress(addrs[0]!), 0], // SkipReason.NotSelected
    );
    expect((await f.campaigns.read.campaign([id])).completed).to.equal(0);
    const key = await f.campaigns.read.selectionKey([id]);
    await f.commitSeed(key, SECRET);
    await f.revealSeed(key, SECRET);
    await f.campaigns.write.drawSelection([id, 1n]); // half the selection: one chosen so far
    await f.campaigns.write.recordCompletions([id, addrs], asOracle(f));
    expect((await f.campaigns.read.campaign([id])).completed).to.equal(1);
    await f.campaigns.write.drawSelection([id, 5n]);
    await f.campaigns.write.recordCompletions([id, addrs], asOracle(f));
    const c = await f.campaigns.read.campaign([id]);
    expect(c.completed).to.equal(2);
    for (const a of addrs) {
      const m = await f.campaigns.read.membership([id, a]);
      expect(m.completed).to.equal(m.selected);
      expect(await f.ticket.read.balanceOf([a])).to.equal(m.selected ? 1n : 0n);
    }
  });

  it("a campaign that cannot go over capacity (joinCap = capacity) or closed under it records completions", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { users, join } = await withTqs(f, [8000n, 8000n, 8000n]);
    const addrs = users.map((u) => u.account.address);
    const { id: capped } = await f.createCampaign({ capacity: 2, joinCap: 2 });
    await join(capped, users[0]!);
    await f.campaigns.write.recordCompletions([capped, [addrs[0]!]], asOracle(f)); // during enrolment
    await join(capped, users[1]!);
    await f.campaigns.write.recordCompletions([capped, [addrs[1]!]], asOracle(f));
    expect((await f.campaigns.read.campaign([capped])).completed).to.equal(2);

    const { id: open } = await f.createCampaign({ capacity: 3, joinCap: 10 });
    for (const u of users.slice(0, 2)) await join(open, u);
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.recordCompletions([open, addrs], asOracle(f)),
      f.campaigns,
      "EnrolmentOpen",
    );
    await networkHelpers.time.increase(DAY);
    // Closed with 2 joined ≤ capacity 3: everyone joined is selected, the outsider is skipped.
    await f.campaigns.write.recordCompletions([open, addrs], asOracle(f));
    expect((await f.campaigns.read.campaign([open])).completed).to.equal(2);
    expect(await f.campaigns.read.isSelected([open, addrs[2]!])).to.equal(false);
  });
});

describe("CampaignManager: excluded accounts", () => {
  async function joinedThenExcluded(f: Core) {
    const { users, join } = await withTqs(f, [8000n, 8000n, 8000n]);
    const { id } = await f.createCampaign({ capacity: 3, joinCap: 3 });
    for (const u of users) await join(id, u);
    const [clean, excluded] = [users[0]!, users[1]!];
    return { id, users, clean, excluded };
  }
  const exclude = (f: Core, who: Core["users"][number]) =>
    f.registry.write.setExclusions([[who.account.address], true, keccak256(toHex("tqs"))], {
      account: f.oracle.account,
    });

  it("a completion for an account excluded after it joined is skipped with its reason", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, clean, excluded } = await joinedThenExcluded(f);
    await exclude(f, excluded);
    await viem.assertions.emitWithArgs(
      f.campaigns.write.recordCompletions([id, [clean.account.address, excluded.account.address]], {
        account: f.oracle.account,
      }),
      f.campaigns,
      "CompletionSkipped",
      [id, getAddress(excluded.account.address), 3], // SkipReason.Excluded
    );
    expect(await f.ticket.read.balanceOf([excluded.account.address])).to.equal(0n);
    expect(await f.ticket.read.balanceOf([clean.account.address])).to.equal(1n);
    expect((await f.campaigns.read.membership([id, excluded.account.address])).completed).to.equal(
      false,
    );
  });

  it("a verdict never activates the ticket of an excluded holder: skipped, then voidable", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, users, excluded } = await joinedThenExcluded(f);
    await f.campaigns.write.recordCompletions([id, users.map((u) => u.account.address)], {
      account: f.oracle.account,
    });
    await exclude(f, excluded); // excluded after its placeholder was minted (ticket 2)
    const tx = f.campaigns.write.recordVerdicts([id, [1n, 2n, 3n], []], {
      account: f.oracle.account,
    });
    await viem.assertions.emitWithArgs(tx, f.campaigns, "VerdictSkipped", [
      id,
      2n,
      getAddress(excluded.account.address),
      3,
    ]);
    const logs = await f.campaigns.getEvents.VerdictsRecorded();
    expect(logs.at(-1)!.args.activated).to.equal(2n);
    expect(await f.ticket.read.stateOf([2n])).to.equal(1); // still a placeholder
    expect(await f.ticket.read.stateOf([1n])).to.equal(2);
    expect(await f.ticket.read.stateOf([3n])).to.equal(2);
    // A batch of nothing but excluded holders activates nothing and still records the verdicts.
    await viem.assertions.emitWithArgs(
      f.campaigns.write.recordVerdicts([id, [2n], []], { account: f.oracle.account }),
      f.campaigns,
      "VerdictsRecorded",
      [id, 0n, 0n],
    );
    await f.campaigns.write.recordVerdicts([id, [], [2n]], { account: f.oracle.account });
    expect(await f.ticket.read.stateOf([2n])).to.equal(3);
  });
});

describe("CampaignManager: a granted appeal re-issues a voided ticket", () => {
  async function voided(f: Core) {
    const { users, join } = await withTqs(f, [8000n, 8000n]);
    const { id } = await f.createCampaign({ capacity: 2, joinCap: 2 });
    for (const u of users) await join(id, u);
    await f.campaigns.write.recordCompletions([id, users.map((u) => u.account.address)], {
      account: f.oracle.account,
    });
    await f.campaigns.write.recordVerdicts([id, [1n], [2n]], { account: f.oracle.account });
    return { id, users, appellant: users[1]! };
  }

  it("mints a new Active ticket of the same campaign to the voided ticket's holder, linked by an event", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, appellant } = await voided(f);
    expect(await f.ticket.read.voidedHolderOf([2n])).to.equal(
      getAddress(appellant.account.address),
    );
    const newId = await f.ticket.read.nextTokenId();
    await viem.assertions.emitWithArgs(
      f.campaigns.write.reissueVoided([id, [2n]], { account: f.oracle.account }),
      f.ticket,
      "TicketReissued",
      [2n, newId, id, getAddress(appellant.account.address)],
    );
    expect(await f.ticket.read.ownerOf([newId])).to.equal(getAddress(appellant.account.address));
    expect(await f.ticket.read.stateOf([newId])).to.equal(2); // Active
    expect(await f.ticket.read.isTradeable([newId])).to.equal(true);
    expect(await f.ticket.read.campaignOf([newId])).to.equal(id);
    expect(await f.ticket.read.reissuedAs([2n])).to.equal(newId);
    expect(await f.ticket.read.stateOf([2n])).to.equal(3); // the voided id stays Void
  });

  it("never twice, never a ticket that is not void, never for another campaign, never by a stranger", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id } = await voided(f);
    await f.campaigns.write.reissueVoided([id, [2n]], { account: f.oracle.account });
    const first = (await f.ticket.read.nextTokenId()) - 1n;
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.campaigns.write.reissueVoided([id, [2n]], { account: f.oracle.account }),
      f.ticket,
      "AlreadyReissued",
      [2n, first],
    );
    for (const notVoid of [1n, first, 99n])
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.campaigns.write.reissueVoided([id, [notVoid]], { account: f.oracle.account }),
        f.ticket,
        "NotVoided",
        [notVoid],
      );
    const { id: other } = await f.createCampaign();
    await viem.assertions.revertWithCustomError(
      f.campaigns.write.reissueVoided([other, [2n]], { account: f.oracle.account }),
      f.ticket,
      "WrongCampaign",
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.campaigns.write.reissueVoided([id, [2n]], { account: f.users[9]!.account }),
      f.campaigns,
      "AccessControlUnauthorizedAccount",
      [getAddress(f.users[9]!.account.address), keccak256(toHex("ORACLE_ROLE"))],
    );
  });

  it("is skipped for a holder excluded since (until reinstated)", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const { id, appellant } = await voided(f);
    await f.registry.write.setExclusions([[appellant.account.address], true, zeroHash], {
      account: f.oracle.account,
    });
    await viem.assertions.emitWithArgs(
      f.campaigns.write.reissueVoided([id, [2n]], { account: f.oracle.account }),
      f.campaigns,
      "VerdictSkipped",
      [id, 2n, getAddress(appellant.account.address), 3],
    );
    expect(await f.ticket.read.reissuedAs([2n])).to.equal(0n);
    await f.registry.write.setExclusions([[appellant.account.address], false, zeroHash], {
      account: f.oracle.account,
    });
    await f.campaigns.write.reissueVoided([id, [2n]], { account: f.oracle.account });
    expect(await f.ticket.read.reissuedAs([2n])).to.not.equal(0n);
  });
});
