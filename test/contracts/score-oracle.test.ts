import { describe, it } from "node:test";
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, toHex, type Hex } from "viem";
import {
  CHALLENGE_WINDOW,
  ROLES,
  commitment,
  deployCore,
  type Commitment,
} from "../helpers/core.ts";
import {
  ScoreKind,
  ZERO_SALT,
  accountSubject,
  leafHash,
  nftSubject,
  summaryKey,
} from "../../abi/src/leaf.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const fixture = () => deployCore(conn);
const ROOT: Hex = keccak256(toHex("root"));

describe("ScoreOracle", () => {
  it("publishes an M-of-N signed epoch, emits its summary, and finalizes after the window", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = {
      ...commitment(ScoreKind.TQS, 1n, ROOT, 10n, 54_321n),
      summaryKeys: [summaryKey("near-duplicate@1"), summaryKey("bot-timing@1")],
      summaryValues: [3n, 1n],
    };
    await viem.assertions.emitWithArgs(
      f.scoreOracle.write.publish([c, await f.signCommitment(c)]),
      f.scoreOracle,
      "EpochPublished",
      [
        c.kind,
        c.epoch,
        c.root,
        c.datasetHash,
        c.datasetURI,
        c.leafCount,
        c.totalScore,
        c.summaryKeys,
        c.summaryValues,
        (finalAt: number) => finalAt > CHALLENGE_WINDOW,
      ],
    );
    const info = await f.scoreOracle.read.epochInfo([ScoreKind.TQS, 1n]);
    expect(info.finalAt).to.equal(info.publishedAt + CHALLENGE_WINDOW);
    expect(info.root).to.equal(ROOT);
    expect(info.leafCount).to.equal(10n);
    expect(info.totalScore).to.equal(54_321n);
    expect(await f.scoreOracle.read.lastPublishedEpoch([ScoreKind.TQS])).to.equal(1n);
    expect(await f.scoreOracle.read.isFinal([ScoreKind.TQS, 1n])).to.equal(false);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.finalize([ScoreKind.TQS, 1n]),
      f.scoreOracle,
      "OutsideChallengeWindow",
    );
    await networkHelpers.time.increase(CHALLENGE_WINDOW);
    expect(await f.scoreOracle.read.isFinal([ScoreKind.TQS, 1n])).to.equal(true);
    await viem.assertions.emitWithArgs(
      f.scoreOracle.write.finalize([ScoreKind.TQS, 1n]),
      f.scoreOracle,
      "EpochFinalized",
      [ScoreKind.TQS, 1n],
    );
    expect(await f.scoreOracle.read.latestFinalEpoch([ScoreKind.TQS])).to.equal(1n);
  });

  it("refuses an under-signed epoch", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = commitment(ScoreKind.TQS, 1n, ROOT, 10n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.scoreOracle.write.publish([c, await f.signCommitment(c, f.signers.slice(0, 1))]),
      f.scoreOracle,
      "NotEnoughSignatures",
      [1n, 2n],
    );
  });

  it("refuses a forged epoch: signatures over other data, or by a non-signer", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const signed = commitment(ScoreKind.TQS, 1n, ROOT, 10n);
    const sigs = await f.signCommitment(signed);
    const forged = { ...signed, root: keccak256(toHex("forged")) };
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.publish([forged, sigs]),
      f.scoreOracle,
      "SignerNotAuthorized",
    );
    const outsider = f.users[0]!;
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.scoreOracle.write.publish([
        signed,
        await f.signCommitment(signed, [f.signers[0]!, outsider]),
      ]),
      f.scoreOracle,
      "SignerNotAuthorized",
      [outsider.account.address],
    );
  });

  it("refuses duplicate or unsorted signers", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = commitment(ScoreKind.TQS, 1n, ROOT, 10n);
    const [a, b] = await f.signCommitment(c);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.publish([c, [a!, a!]]),
      f.scoreOracle,
      "SignersNotSorted",
    );
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.publish([c, [b!, a!]]),
      f.scoreOracle,
      "SignersNotSorted",
    );
  });

  it("refuses a replayed epoch, an older epoch, and a signature from another deployment", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = commitment(ScoreKind.TQS, 2n, ROOT, 10n);
    const sigs = await f.signCommitment(c);
    await f.scoreOracle.write.publish([c, sigs]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      f.scoreOracle.write.publish([c, sigs]),
      f.scoreOracle,
      "EpochNotIncreasing",
      [2n, 2n],
    );
    const older = commitment(ScoreKind.TQS, 1n, ROOT, 10n);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.publish([older, await f.signCommitment(older)]),
      f.scoreOracle,
      "EpochNotIncreasing",
    );
    // The same signatures are worthless on a second ScoreOracle (EIP-712 domain binds the contract).
    const other = await viem.deployContract("ScoreOracle", [
      f.admin.account.address,
      2,
      CHALLENGE_WINDOW,
    ]);
    for (const s of f.signers)
      await other.write.grantRole([ROLES.ORACLE_SIGNER, s.account.address]);
    await viem.assertions.revertWithCustomError(
      other.write.publish([c, sigs]),
      other,
      "SignerNotAuthorized",
    );
  });

  it("refuses malformed commitments", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const bad: [Commitment, "UnknownKind" | "EmptyCommitment" | "SummaryLengthMismatch"][] = [
      [commitment(7, 1n, ROOT, 1n), "UnknownKind"],
      [commitment(0, 1n, ZERO_SALT, 1n), "EmptyCommitment"],
      [commitment(0, 1n, ROOT, 0n), "EmptyCommitment"],
      [{ ...commitment(0, 1n, ROOT, 1n), summaryKeys: [ZERO_SALT] }, "SummaryLengthMismatch"],
    ];
    for (const [c, error] of bad) {
      await viem.assertions.revertWithCustomError(
        f.scoreOracle.write.publish([c, await f.signCommitment(c)]),
        f.scoreOracle,
        error,
      );
    }
  });

  it("a rejected epoch is never final, cannot be finalized, and its number cannot be reused", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const c = commitment(ScoreKind.GALLERY, 1n, ROOT, 5n);
    await f.scoreOracle.write.publish([c, await f.signCommitment(c)]);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.reject([ScoreKind.GALLERY, 1n, "bad"], { account: f.users[0]!.account }),
      f.scoreOracle,
      "AccessControlUnauthorizedAccount",
    );
    await viem.assertions.emitWithArgs(
      f.scoreOracle.write.reject([ScoreKind.GALLERY, 1n, "dataset does not recompute"], {
        account: f.guardian.account,
      }),
      f.scoreOracle,
      "EpochRejected",
      [ScoreKind.GALLERY, 1n, f.guardian.account.address, "dataset does not recompute"],
    );
    await networkHelpers.time.increase(CHALLENGE_WINDOW * 10);
    expect(await f.scoreOracle.read.isFinal([ScoreKind.GALLERY, 1n])).to.equal(false);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.finalize([ScoreKind.GALLERY, 1n]),
      f.scoreOracle,
      "EpochWasRejected",
    );
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.reject([ScoreKind.GALLERY, 1n, "again"], { account: f.guardian.account }),
      f.scoreOracle,
      "EpochWasRejected",
    );
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.publish([c, await f.signCommitment(c)]),
      f.scoreOracle,
      "EpochNotIncreasing",
    );
  });

  it("a guardian cannot reject after the window, nor an unknown epoch", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.reject([0, 9n, "x"], { account: f.guardian.account }),
      f.scoreOracle,
      "EpochUnknown",
    );
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.finalize([0, 9n]),
      f.scoreOracle,
      "EpochUnknown",
    );
    const c = commitment(ScoreKind.USER, 1n, ROOT, 5n);
    await f.scoreOracle.write.publish([c, await f.signCommitment(c)]);
    await networkHelpers.time.increase(CHALLENGE_WINDOW);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.reject([ScoreKind.USER, 1n, "late"], { account: f.guardian.account }),
      f.scoreOracle,
      "OutsideChallengeWindow",
    );
  });

  it("verifies leaves only against final epochs, bound to kind, epoch, chain and contract", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const [alice, bob] = f.users as [(typeof f.users)[number], (typeof f.users)[number]];
    const t = await f.publishFinalTqs([
      { account: alice.account.address, tqs: 8000n },
      { account: bob.account.address, tqs: 4000n },
    ]);
    const subject = accountSubject(alice.account.address);
    const proof = t.proofOf(alice.account.address);
    expect(
      await f.scoreOracle.read.verifyScore([
        ScoreKind.TQS,
        t.epoch,
        subject,
        8000n,
        ZERO_SALT,
        proof,
      ]),
    ).to.equal(true);
    // Wrong score, wrong kind, wrong epoch: the same proof fails.
    expect(
      await f.scoreOracle.read.verifyScore([
        ScoreKind.TQS,
        t.epoch,
        subject,
        9000n,
        ZERO_SALT,
        proof,
      ]),
    ).to.equal(false);
    expect(
      await f.scoreOracle.read.verifyScore([
        ScoreKind.USER,
        t.epoch,
        subject,
        8000n,
        ZERO_SALT,
        proof,
      ]),
    ).to.equal(false);
    expect(
      await f.scoreOracle.read.verifyScore([
        ScoreKind.TQS,
        t.epoch + 1n,
        subject,
        8000n,
        ZERO_SALT,
        proof,
      ]),
    ).to.equal(false);
    // The Solidity leaf is byte for byte the TypeScript one in @mesi/abi.
    const leaf = {
      chainId: f.chainId,
      scoreOracle: f.scoreOracle.address,
      kind: ScoreKind.TQS,
      epoch: t.epoch,
      subject,
      score: 8000n,
      salt: ZERO_SALT,
    };
    expect(
      await f.scoreOracle.read.leafHash([ScoreKind.TQS, t.epoch, subject, 8000n, ZERO_SALT]),
    ).to.equal(leafHash(leaf));
    expect(
      await f.scoreOracle.read.verify([ScoreKind.TQS, t.epoch, leafHash(leaf), proof]),
    ).to.equal(true);
    // A pending epoch verifies nothing yet.
    const c = commitment(ScoreKind.TQS, t.epoch + 1n, t.root, 2n);
    await f.scoreOracle.write.publish([c, await f.signCommitment(c)]);
    expect(
      await f.scoreOracle.read.verify([ScoreKind.TQS, t.epoch + 1n, leafHash(leaf), proof]),
    ).to.equal(false);
    // NFT subjects match too.
    const nft = nftSubject(f.ticket.address, 7n);
    expect(nft).to.equal(
      keccak256(
        `0x${f.ticket.address.slice(2).toLowerCase().padStart(64, "0")}${(7).toString(16).padStart(64, "0")}`,
      ),
    );
  });

  it("admin setters emit events and refuse a zero threshold", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    await viem.assertions.emitWithArgs(
      f.scoreOracle.write.setThreshold([3]),
      f.scoreOracle,
      "ThresholdSet",
      [3],
    );
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.setThreshold([0]),
      f.scoreOracle,
      "InvalidThreshold",
    );
    await viem.assertions.emitWithArgs(
      f.scoreOracle.write.setChallengeWindow([7200]),
      f.scoreOracle,
      "ChallengeWindowSet",
      [7200],
    );
    expect(await f.scoreOracle.read.threshold()).to.equal(3);
    const c = commitment(ScoreKind.TQS, 1n, ROOT, 1n);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.publish([c, await f.signCommitment(c)]),
      f.scoreOracle,
      "NotEnoughSignatures",
    );
    await f.scoreOracle.write.publish([c, await f.signCommitment(c, f.signers)]);
  });
});

describe("ScoreOracle: each epoch keeps its own finality time", () => {
  it("changing the window never changes an epoch already published", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const publish = async (epoch: bigint) => {
      const c = commitment(ScoreKind.GALLERY, epoch, ROOT, 5n);
      await f.scoreOracle.write.publish([c, await f.signCommitment(c)]);
      return f.scoreOracle.read.epochInfo([ScoreKind.GALLERY, epoch]);
    };
    const e1 = await publish(1n); // window 1 hour
    await f.scoreOracle.write.setChallengeWindow([86_400]);
    const e2 = await publish(2n); // window 1 day
    expect(e1.finalAt - e1.publishedAt).to.equal(3600);
    expect(e2.finalAt - e2.publishedAt).to.equal(86_400);
    // A longer window does not reopen epoch 1 to rejection: it is final at its own time.
    await networkHelpers.time.increaseTo(e1.finalAt);
    expect(await f.scoreOracle.read.isFinal([ScoreKind.GALLERY, 1n])).to.equal(true);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.reject([ScoreKind.GALLERY, 1n, "late"], { account: f.guardian.account }),
      f.scoreOracle,
      "OutsideChallengeWindow",
    );
    // A shorter window does not make epoch 2 final early: the guardian still has its day.
    await f.scoreOracle.write.setChallengeWindow([3600]);
    expect(await f.scoreOracle.read.isFinal([ScoreKind.GALLERY, 2n])).to.equal(false);
    await viem.assertions.revertWithCustomError(
      f.scoreOracle.write.finalize([ScoreKind.GALLERY, 2n]),
      f.scoreOracle,
      "OutsideChallengeWindow",
    );
    await f.scoreOracle.write.reject([ScoreKind.GALLERY, 2n, "forged"], {
      account: f.guardian.account,
    });
    expect((await f.scoreOracle.read.epochInfo([ScoreKind.GALLERY, 1n])).finalAt).to.equal(
      e1.finalAt,
    );
  });

  it("the window stays within [1 hour, 1 day]: zero is refused, at deployment too", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    expect(await f.scoreOracle.read.MIN_CHALLENGE_WINDOW()).to.equal(3600);
    expect(await f.scoreOracle.read.MAX_CHALLENGE_WINDOW()).to.equal(86_400);
    for (const window of [0, 1, 3599, 86_401, 2 ** 32 - 1])
      await viem.assertions.revertWithCustomErrorWithArgs(
        f.scoreOracle.write.setChallengeWindow([window]),
        f.scoreOracle,
        "ChallengeWindowOutOfRange",
        [window, 3600, 86_400],
      );
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("ScoreOracle", [f.admin.account.address, 1, 0]),
      f.scoreOracle,
      "ChallengeWindowOutOfRange",
      [0, 3600, 86_400],
    );
  });
});
