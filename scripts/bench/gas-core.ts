// Gas of the core contracts' hot paths (issue 2) beside OpenZeppelin and Solady ERC-721
// anchors doing the same mints, on one in-process Hardhat chain.
import type { network } from "hardhat";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak256, toHex, type Address, type Hash, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  ScoreKind,
  LEAF_ENCODING,
  ZERO_SALT,
  accountSubject,
  leafValues,
} from "../../abi/src/leaf.ts";
import { DAY, POLICY, ROLES, commitment, deployCore } from "../../test/helpers/core.ts";
import type { BenchRow } from "./report.ts";

type Connection = Awaited<ReturnType<typeof network.create>>;
const BATCHES = [1, 10, 100] as const;

/** Fresh recipient addresses (never seen on chain: their balance slots are cold and zero). */
const fresh = (tag: string, n: number): Address[] =>
  Array.from({ length: n }, (_, i) => `0x${keccak256(toHex(`${tag}-${i}`)).slice(26)}` as Address);

export async function benchCore(conn: Connection): Promise<BenchRow[]> {
  const f = await deployCore(conn);
  const { viem } = conn;
  const publicClient = f.publicClient;
  const gasOf = async (hash: Promise<Hash>): Promise<number> =>
    Number((await publicClient.waitForTransactionReceipt({ hash: await hash })).gasUsed);
  const rows: BenchRow[] = [];

  // Placeholder mints: the raw Ticket batch mint vs the anchors, to fresh recipients.
  const minter = f.admin;
  await f.ticket.write.grantRole([ROLES.MINTER, minter.account.address]);
  const oz = await viem.deployContract("OZMintAnchor", []);
  const solady = await viem.deployContract("SoladyMintAnchor", []);
  for (const n of BATCHES) {
    const per = (g: number) => Math.round(g / n);
    rows.push({
      group: "placeholder mint / ticket",
      name: `Ticket.mintPlaceholders batch=${n}`,
      value: per(await gasOf(f.ticket.write.mintPlaceholders([1n, fresh(`t${n}`, n)]))),
      unit: "gas",
      role: "ours",
      ...(n === 100 ? { target: 50_000 } : {}),
    });
    rows.push({
      group: "placeholder mint / ticket",
      name: `OpenZeppelin ERC721 _mint batch=${n}`,
      value: per(await gasOf(oz.write.mintBatch([fresh(`o${n}`, n)]))),
      unit: "gas",
      role: "baseline",
    });
    rows.push({
      group: "placeholder mint / ticket",
      name: `Solady ERC721 _mint batch=${n}`,
      value: per(await gasOf(solady.write.mintBatch([fresh(`s${n}`, n)]))),
      unit: "gas",
      role: "baseline",
    });
  }

  // Activation of fresh placeholders, per ticket.
  for (const n of BATCHES) {
    const first = await f.ticket.read.nextTokenId();
    await f.ticket.write.mintPlaceholders([2n, fresh(`a${n}`, n)]);
    const ids = Array.from({ length: n }, (_, i) => first + BigInt(i));
    rows.push({
      group: "activation / ticket",
      name: `Ticket.activate batch=${n}`,
      value: Math.round((await gasOf(f.ticket.write.activate([2n, ids]))) / n),
      unit: "gas",
      role: "ours",
      ...(n === 100 ? { target: 6_000 } : {}),
    });
  }

  // join with a TQS proof from a 10,000-leaf epoch, and completions through CampaignManager.
  const joiners = Array.from({ length: 111 }, (_, i) =>
    privateKeyToAccount(keccak256(toHex(`joiner-${i}`))),
  );
  const scores = joiners.map((a, i) => ({ account: a.address, tqs: BigInt(5000 + (i % 5000)) }));
  const filler = fresh("filler", 10_000 - joiners.length).map((account) => ({
    account,
    tqs: 6000n,
  }));
  const t = await f.publishFinalTqs([...scores, ...filler]);
  const { id } = await f.createCampaign({ capacity: 111, joinCap: 111, minTqs: 0 });
  const kycExpiry = (await f.now()) + 365 * DAY;
  let joinGas = 0;
  for (const [i, account] of joiners.entries()) {
    await conn.networkHelpers.setBalance(account.address, 10n ** 20n);
    const wallet = await viem.getWalletClient(account.address, { account });
    await f.registry.write.optIn([63, POLICY], { account: wallet.account });
    await f.registry.write.attestKyc([account.address, kycExpiry, ZERO_SALT], {
      account: f.kyc.account,
    });
    const g = await gasOf(
      f.campaigns.write.join([id, scores[i]!.tqs, t.proofOf(account.address)], {
        account: wallet.account,
      }),
    );
    if (i === joiners.length - 1) joinGas = g;
  }
  rows.push({
    group: "join",
    name: `CampaignManager.join (TQS proof, ${t.proofOf(joiners[0]!.address).length} siblings, 10,000 leaves)`,
    value: joinGas,
    unit: "gas",
    role: "ours",
  });
  let offset = 0;
  for (const n of BATCHES) {
    const batch = joiners.slice(offset, offset + n).map((a) => a.address);
    offset += n;
    const first = await f.ticket.read.nextTokenId();
    rows.push({
      group: "completion → placeholder / ticket",
      name: `CampaignManager.recordCompletions batch=${n}`,
      value: Math.round(
        (await gasOf(
          f.campaigns.write.recordCompletions([id, batch], { account: f.oracle.account }),
        )) / n,
      ),
      unit: "gas",
      role: "ours",
      note: "checks membership, consent and exclusion per user",
    });
    if (n === 100) {
      const ids = Array.from({ length: n }, (_, i) => first + BigInt(i));
      rows.push({
        group: "activation / ticket",
        name: `CampaignManager.recordVerdicts batch=${n}`,
        value: Math.round(
          (await gasOf(
            f.campaigns.write.recordVerdicts([id, ids, []], { account: f.oracle.account }),
          )) / n,
        ),
        unit: "gas",
        role: "ours",
      });
    }
  }
  // Epoch publication: the same storage whatever the number of leaves.
  const chainId = f.chainId;
  const tqsValues = (epoch: bigint, n: number) => {
    const accounts = fresh("leaf", n);
    return Array.from({ length: n }, (_, i) => [
      ...leafValues({
        chainId,
        scoreOracle: f.scoreOracle.address,
        kind: ScoreKind.TQS,
        epoch,
        subject: accountSubject(accounts[i]!),
        score: BigInt(i % 10_001),
        salt: ZERO_SALT,
      }),
    ]);
  };
  let epoch = await f.scoreOracle.read.lastPublishedEpoch([ScoreKind.TQS]);
  for (const leaves of [10, 10_000, 1_000_000]) {
    epoch++;
    // A real StandardMerkleTree for 10 and 10,000 leaves; for 1,000,000 only the count
    // differs (building that tree in the bench would add minutes and no information).
    const root: Hex =
      leaves <= 10_000
        ? (StandardMerkleTree.of(tqsValues(epoch, leaves), [...LEAF_ENCODING]).root as Hex)
        : keccak256(toHex(`root-${leaves}`));
    const c = commitment(ScoreKind.TQS, epoch, root, BigInt(leaves));
    rows.push({
      group: "epoch publication (2-of-3 signatures)",
      name: `ScoreOracle.publish leaves=${leaves.toLocaleString("en-US")}`,
      value: await gasOf(f.scoreOracle.write.publish([c, await f.signCommitment(c)])),
      unit: "gas",
      role: "ours",
      note: leaves > 10_000 ? "synthetic root" : "StandardMerkleTree root",
    });
  }

  return rows;
}
