// Admin powers bounded by code (issue 8, point 1), on the real deployment (Ignition module):
// the admin key alone cannot take the revenue pool, a draw budget or a vesting balance, in
// any order of calls; security settings wait out the timelock's delay (longer than any
// challenge window), visible on chain, and need the guardian to execute.
import { describe, it } from "node:test";
import { expect } from "chai";
import fc from "fast-check";
import { network } from "hardhat";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  encodeFunctionData,
  getAddress,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
} from "viem";
import {
  LEAF_ENCODING,
  ScoreKind,
  accountSubject,
  epochCommitmentMessage,
  epochCommitmentTypes,
  leafValues,
  scoreOracleDomain,
} from "../../abi/src/leaf.ts";
import { DAY, ROLES, campaignConfig, commitment, defaultTier } from "../helpers/core.ts";
import { deployMesi } from "../helpers/deployment.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const EXECUTOR: Hex = keccak256(toHex("EXECUTOR_ROLE"));
const PROPOSER: Hex = keccak256(toHex("PROPOSER_ROLE"));
const SALT: Hex = keccak256(toHex("takeover"));

/** The deployment with money in every place an admin might want it. */
async function funded() {
  const d = await deployMesi(conn);
  const pc = await viem.getPublicClient();
  const chainId = BigInt(await pc.getChainId());
  const [admin, treasury, guardian] = [
    d.wallet("admin"),
    d.wallet("treasury"),
    d.wallet("guardian"),
  ];
  const asTreasury = { account: treasury.account };
  // Revenue pool: 1,000 $MESI pending.
  await d.token.write.approve([d.distributor.address, parseEther("1000000")], asTreasury);
  await d.distributor.write.fund([parseEther("1000")], asTreasury);
  // A draw budget of 500 $MESI for a campaign the admin created.
  const t = Number((await pc.getBlock()).timestamp);
  await d.campaigns.write.createCampaign(
    [campaignConfig(t, { requiredScopes: 1, minTqs: 0, capacity: 10 }), [defaultTier]],
    { account: admin.account },
  );
  await d.token.write.approve([d.prizeDraw.address, parseEther("500")], asTreasury);
  await d.prizeDraw.write.fund([1n, parseEther("500")], asTreasury);
  // A revocable grant of 100 $MESI to a creator, funded by the admin (a grantor).
  const creator = d.wallet("signer3"); // any account other than the admin
  await d.token.write.transfer([admin.account.address, parseEther("100")], asTreasury);
  await d.token.write.approve([d.vault.address, parseEther("100")], { account: admin.account });
  await d.vault.write.createSchedules(
    [
      [
        {
          beneficiary: creator.account.address,
          amount: parseEther("100"),
          start: t,
          cliff: 0,
          duration: 365 * DAY,
          revocable: true,
        },
      ],
    ],
    { account: admin.account },
  );
  const delay = await d.timelock.read.getMinDelay();
  return { ...d, pc, chainId, admin, guardian, creator, delay };
}
type F = Awaited<ReturnType<typeof funded>>;

/** What the admin would need: itself as signer, threshold 1, window 0, itself as pool opener. */
function takeoverBatch(f: F): { targets: Address[]; values: bigint[]; payloads: Hex[] } {
  const admin = f.admin.account.address;
  const call = (target: Address, data: Hex) => ({ target, data });
  const calls = [
    call(
      f.scoreOracle.address,
      encodeFunctionData({
        abi: f.scoreOracle.abi,
        functionName: "grantRole",
        args: [ROLES.ORACLE_SIGNER, admin],
      }),
    ),
    call(
      f.scoreOracle.address,
      encodeFunctionData({ abi: f.scoreOracle.abi, functionName: "setThreshold", args: [1] }),
    ),
    call(
      f.distributor.address,
      encodeFunctionData({
        abi: f.distributor.abi,
        functionName: "grantRole",
        args: [ROLES.ORACLE, admin],
      }),
    ),
  ];
  return {
    targets: calls.map((c) => c.target),
    values: calls.map(() => 0n),
    payloads: calls.map((c) => c.data),
  };
}

/** A GALLERY epoch in which the admin scores itself, signed by the admin alone. */
async function selfScoringEpoch(f: F) {
  const admin = f.admin.account.address;
  const leaf = {
    chainId: f.chainId,
    scoreOracle: f.scoreOracle.address,
    kind: ScoreKind.GALLERY,
    epoch: 1n,
    subject: accountSubject(admin),
    score: 1n,
    salt: zeroHash,
  };
  const other = { ...leaf, subject: accountSubject(f.address("oracle")) };
  const tree = StandardMerkleTree.of(
    [[...leafValues(leaf)], [...leafValues(other)]],
    [...LEAF_ENCODING],
  );
  const c = commitment(ScoreKind.GALLERY, 1n, tree.root as Hex, 2n);
  const signature = await f.admin.signTypedData({
    domain: scoreOracleDomain(f.chainId, f.scoreOracle.address),
    types: epochCommitmentTypes,
    primaryType: "EpochCommitment",
    message: epochCommitmentMessage(c),
  });
  return { c, signature, proof: tree.getProof(0) as Hex[] };
}

const unauthorized = async (
  tx: Promise<Hex>,
  contract: Parameters<typeof viem.assertions.revertWithCustomErrorWithArgs>[1],
  who: Address,
  role: Hex,
) =>
  viem.assertions.revertWithCustomErrorWithArgs(tx, contract, "AccessControlUnauthorizedAccount", [
    getAddress(who),
    role,
  ]);

/** The admin executes a scheduled batch itself: it is not an executor, whatever the time. */
const adminExecutes = (f: F, b: ReturnType<typeof takeoverBatch>) =>
  unauthorized(
    f.timelock.write.executeBatch([b.targets, b.values, b.payloads, zeroHash, SALT], {
      account: f.admin.account,
    }),
    f.timelock,
    f.admin.account.address,
    EXECUTOR,
  );

/** Every move an attacker holding only the admin key can make, each asserting its failure. */
const attacks: { name: string; run: (f: F) => Promise<void> }[] = [
  ...(
    [
      [
        "grant itself a signer",
        (f) =>
          f.scoreOracle.write.grantRole([ROLES.ORACLE_SIGNER, f.admin.account.address], {
            account: f.admin.account,
          }),
      ],
      ["threshold 1", (f) => f.scoreOracle.write.setThreshold([1], { account: f.admin.account })],
      [
        "window 0",
        (f) => f.scoreOracle.write.setChallengeWindow([0], { account: f.admin.account }),
      ],
    ] as const satisfies readonly (readonly [string, (f: F) => Promise<Hex>])[]
  ).map(([name, call]) => ({
    name,
    run: (f: F) => unauthorized(call(f), f.scoreOracle, f.admin.account.address, zeroHash),
  })),
  {
    name: "publish a GALLERY epoch that scores itself",
    run: async (f) => {
      const { c, signature } = await selfScoringEpoch(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.scoreOracle.write.publish([c, [signature]], { account: f.admin.account }),
        f.scoreOracle,
        "NotEnoughSignatures",
        [1n, 2n],
      );
    },
  },
  {
    name: "open a pool",
    run: (f) =>
      unauthorized(
        f.distributor.write.openPool([1n], { account: f.admin.account }),
        f.distributor,
        f.admin.account.address,
        ROLES.ORACLE,
      ),
  },
  {
    name: "claim",
    run: async (f) => {
      const { proof } = await selfScoringEpoch(f);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.distributor.write.claim([1n, 1n, zeroHash, proof], { account: f.admin.account }),
        f.distributor,
        "NoPool",
        [1n],
      );
    },
  },
  {
    name: "schedule the takeover in the timelock and execute it",
    run: async (f) => {
      const b = takeoverBatch(f);
      const id = await f.timelock.read.hashOperationBatch([
        b.targets,
        b.values,
        b.payloads,
        zeroHash,
        SALT,
      ]);
      if (!(await f.timelock.read.isOperation([id])))
        await f.timelock.write.scheduleBatch(
          [b.targets, b.values, b.payloads, zeroHash, SALT, f.delay],
          { account: f.admin.account },
        );
      await adminExecutes(f, b);
    },
  },
  {
    name: "wait out the delay and execute",
    run: async (f) => {
      await networkHelpers.time.increase(f.delay + 1n);
      const b = takeoverBatch(f);
      await adminExecutes(f, b);
    },
  },
  {
    name: "make itself the timelock's executor",
    run: (f) =>
      unauthorized(
        f.timelock.write.grantRole([EXECUTOR, f.admin.account.address], {
          account: f.admin.account,
        }),
        f.timelock,
        f.admin.account.address,
        zeroHash,
      ),
  },
  {
    name: "raise the participation reward to the whole draw budget and exit",
    run: async (f) => {
      // Allowed before entries open (the admin is a campaign manager), useless without a ticket.
      await f.prizeDraw.write
        .setParticipationReward([1n, parseEther("500")], { account: f.admin.account })
        .catch(() => undefined);
      await viem.assertions.revertWithCustomError(
        f.prizeDraw.write.exit([1n], { account: f.admin.account }),
        f.prizeDraw,
        "NotTicketOwner",
      );
    },
  },
  {
    name: "revoke the creator's vesting",
    run: (f) =>
      viem.assertions.revertWithCustomErrorWithArgs(
        f.vault.write.revoke([f.creator.account.address, 0n, zeroHash], {
          account: f.admin.account,
        }),
        f.vault,
        "NotFlaggedForFraud",
        [getAddress(f.creator.account.address)],
      ),
  },
  {
    name: "flag the creator for fraud",
    run: (f) =>
      unauthorized(
        f.registry.write.setExclusions([[f.creator.account.address], true, zeroHash], {
          account: f.admin.account,
        }),
        f.registry,
        f.admin.account.address,
        ROLES.ORACLE,
      ),
  },
];

describe("Governance: the admin key alone", () => {
  it("cannot take the revenue pool, a draw budget or a vesting balance, in any order of calls", async () => {
    const first = await networkHelpers.loadFixture(funded);
    const holdings = async (f: F) =>
      Promise.all(
        [f.distributor.address, f.prizeDraw.address, f.vault.address, f.admin.account.address].map(
          (a) => f.token.read.balanceOf([a]),
        ),
      );
    const before = await holdings(first);
    expect(before).to.deep.equal([parseEther("1000"), parseEther("500"), parseEther("100"), 0n]);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(attacks, { minLength: attacks.length }),
        async (order) => {
          const f = await networkHelpers.loadFixture(funded);
          for (const step of order) await step.run(f);
          expect(await holdings(f), order.map((s) => s.name).join(" → ")).to.deep.equal(before);
          expect(await f.scoreOracle.read.threshold()).to.equal(2);
          expect(
            await f.scoreOracle.read.hasRole([ROLES.ORACLE_SIGNER, f.admin.account.address]),
          ).to.equal(false);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe("Governance: timelocked settings", () => {
  it("a setting takes the admin's proposal, the delay and the guardian's execution, and is visible before it applies", async () => {
    const f = await networkHelpers.loadFixture(funded);
    const data = encodeFunctionData({
      abi: f.scoreOracle.abi,
      functionName: "setThreshold",
      args: [3],
    });
    const schedule = (salt: Hex, delay = f.delay) =>
      f.timelock.write.schedule([f.scoreOracle.address, 0n, data, zeroHash, salt, delay], {
        account: f.admin.account,
      });
    await viem.assertions.revertWithCustomError(
      schedule(SALT, f.delay - 1n),
      f.timelock,
      "TimelockInsufficientDelay",
    );
    await viem.assertions.emit(schedule(SALT), f.timelock, "CallScheduled");
    const execute = (by = f.guardian) =>
      f.timelock.write.execute([f.scoreOracle.address, 0n, data, zeroHash, SALT], {
        account: by.account,
      });
    await viem.assertions.revertWithCustomError(
      execute(),
      f.timelock,
      "TimelockUnexpectedOperationState",
    );
    expect(await f.scoreOracle.read.threshold()).to.equal(2); // visible, not applied
    await networkHelpers.time.increase(f.delay);
    await unauthorized(execute(f.admin), f.timelock, f.admin.account.address, EXECUTOR);
    await execute();
    expect(await f.scoreOracle.read.threshold()).to.equal(3);
  });

  it("the guardian cancels a waiting operation; it never executes", async () => {
    const f = await networkHelpers.loadFixture(funded);
    const b = takeoverBatch(f);
    await f.timelock.write.scheduleBatch(
      [b.targets, b.values, b.payloads, zeroHash, SALT, f.delay],
      { account: f.admin.account },
    );
    const id = await f.timelock.read.hashOperationBatch([
      b.targets,
      b.values,
      b.payloads,
      zeroHash,
      SALT,
    ]);
    await viem.assertions.emitWithArgs(
      f.timelock.write.cancel([id], { account: f.guardian.account }),
      f.timelock,
      "Cancelled",
      [id],
    );
    await networkHelpers.time.increase(f.delay);
    await viem.assertions.revertWithCustomError(
      f.timelock.write.executeBatch([b.targets, b.values, b.payloads, zeroHash, SALT], {
        account: f.guardian.account,
      }),
      f.timelock,
      "TimelockUnexpectedOperationState",
    );
  });

  it("the delay exceeds the longest challenge window and cannot be lowered below it; a window of zero is refused even through the timelock", async () => {
    const f = await networkHelpers.loadFixture(funded);
    const maxWindow = BigInt(await f.scoreOracle.read.MAX_CHALLENGE_WINDOW());
    expect(f.delay > maxWindow).to.equal(true);
    expect(await f.timelock.read.MIN_DELAY()).to.equal(f.delay);
    const runThroughTimelock = async (target: Address, data: Hex, salt: Hex) => {
      await f.timelock.write.schedule([target, 0n, data, zeroHash, salt, f.delay], {
        account: f.admin.account,
      });
      await networkHelpers.time.increase(f.delay);
      return f.timelock.write.execute([target, 0n, data, zeroHash, salt], {
        account: f.guardian.account,
      });
    };
    await viem.assertions.revertWithCustomErrorWithArgs(
      runThroughTimelock(
        f.timelock.address,
        encodeFunctionData({ abi: f.timelock.abi, functionName: "updateDelay", args: [maxWindow] }),
        keccak256(toHex("shorter")),
      ),
      f.timelock,
      "DelayTooShort",
      [maxWindow, f.delay],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      runThroughTimelock(
        f.scoreOracle.address,
        encodeFunctionData({
          abi: f.scoreOracle.abi,
          functionName: "setChallengeWindow",
          args: [0],
        }),
        keccak256(toHex("window 0")),
      ),
      f.scoreOracle,
      "ChallengeWindowOutOfRange",
      [0, 3600, 86_400],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.timelock.write.updateDelay([10n * DAY_N], { account: f.admin.account }),
      f.timelock,
      "TimelockUnauthorizedCaller",
      [getAddress(f.admin.account.address)],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("MesiTimelock", [maxWindow, [], [], []]),
      f.timelock,
      "DelayTooShort",
      [maxWindow, f.delay],
    );
  });
});

describe("Governance: two keys stay two", () => {
  it("the timelock refuses one account as proposer and executor, and an open executor role, at construction and later", async () => {
    const f = await networkHelpers.loadFixture(funded);
    const [admin, guardian] = [f.admin.account.address, f.guardian.account.address];
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("MesiTimelock", [f.delay, [admin], [guardian, admin], [guardian]]),
      f.timelock,
      "ProposerIsExecutor",
      [getAddress(admin)],
    );
    await viem.assertions.revertWithCustomError(
      viem.deployContract("MesiTimelock", [f.delay, [admin], [zeroAddress], [guardian]]),
      f.timelock,
      "OpenExecutorRole",
    );
    // The deployed timelock: the admin proposes, the guardian executes, never both.
    expect(await f.timelock.read.hasRole([PROPOSER, admin])).to.equal(true);
    expect(await f.timelock.read.hasRole([EXECUTOR, admin])).to.equal(false);
    expect(await f.timelock.read.hasRole([PROPOSER, guardian])).to.equal(false);
    expect(await f.timelock.read.hasRole([EXECUTOR, zeroAddress])).to.equal(false);
    // Not later either: even scheduled by the admin and executed by the guardian, granting the
    // admin the executor role, the guardian the proposer role or everyone the executor role fails.
    const grants: [Hex, Address, "ProposerIsExecutor" | "OpenExecutorRole", [] | [Address]][] = [
      [EXECUTOR, admin, "ProposerIsExecutor", [getAddress(admin)]],
      [PROPOSER, guardian, "ProposerIsExecutor", [getAddress(guardian)]],
      [EXECUTOR, zeroAddress, "OpenExecutorRole", []],
    ];
    for (const [r, who, error, args] of grants) {
      const data = encodeFunctionData({
        abi: f.timelock.abi,
        functionName: "grantRole",
        args: [r, who],
      });
      const salt = keccak256(toHex(`grant ${r} ${who}`));
      await f.timelock.write.schedule([f.timelock.address, 0n, data, zeroHash, salt, f.delay], {
        account: f.admin.account,
      });
      await networkHelpers.time.increase(f.delay);
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.timelock.write.execute([f.timelock.address, 0n, data, zeroHash, salt], {
          account: f.guardian.account,
        }),
        f.timelock,
        error,
        args,
      );
    }
    expect(await f.timelock.read.hasRole([EXECUTOR, admin])).to.equal(false);
    expect(await f.timelock.read.hasRole([PROPOSER, guardian])).to.equal(false);
  });
});

const DAY_N = BigInt(DAY);
