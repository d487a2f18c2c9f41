// What the epoch tests share: ScoreOracle and ParticipantRegistry deployed on the test node
// with M-of-N signers and the relayer as the registry's oracle, and a simulated epoch of
// submissions plus gallery views stored directly.
import { keccak256, toHex, type Address } from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { galleryCollectionAbi, participantRegistryAbi, scoreOracleAbi } from "@mesi/abi";
import type { Database } from "../../src/db/database.ts";
import { hashed, storeEvents, storeSubmissions } from "../../src/ingest/store.ts";
import { registerCampaignTasks, revealCampaignGold } from "../../src/ingest/campaigns.ts";
import { simulate, type SimOptions, type Simulation } from "../../sim/simulate.ts";
import { connect, type LocalChain } from "../../../test/support/chain.ts";
import { rpc } from "./epoch-cli.ts";

/** A creator with a key of its own (funded on the test node by deployGalleries). */
export const creatorAccount = (name: string): PrivateKeyAccount =>
  privateKeyToAccount(keccak256(toHex(`creator ${name}`)));

export interface Galleries {
  collection: Address;
  /** Token ids in mint order; token i belongs to creators[i % creators.length]. */
  tokens: { tokenId: bigint; creator: Address }[];
}

/**
 * A GalleryCollection on the test node: each creator opens a gallery, then `items` NFTs are
 * minted round robin (token 1 by the first creator, token 2 by the second, …).
 */
export async function deployGalleries(
  chain: LocalChain,
  creators: readonly PrivateKeyAccount[],
  items: number,
): Promise<Galleries> {
  const c = connect(chain);
  const collection = await c.deploy(
    "economy/GalleryCollection.sol",
    "GalleryCollection",
    galleryCollectionAbi,
    [],
  );
  for (const creator of creators) {
    await rpc(chain.url, "hardhat_setBalance", [creator.address, "0x56BC75E2D63100000"]);
    await c.send(
      c.walletFor(creator).writeContract({
        address: collection,
        abi: galleryCollectionAbi,
        functionName: "createGallery",
        args: [`gallery of ${creator.address}`],
      }),
    );
  }
  const tokens: Galleries["tokens"] = [];
  for (let i = 0; i < items; i++) {
    const creator = creators[i % creators.length]!;
    await c.send(
      c.walletFor(creator).writeContract({
        address: collection,
        abi: galleryCollectionAbi,
        functionName: "mint",
        args: [`ipfs://item-${i}`, 500n],
      }),
    );
    tokens.push({ tokenId: BigInt(i + 1), creator: creator.address.toLowerCase() as Address });
  }
  return { collection: collection.toLowerCase() as Address, tokens };
}

/** The test contracts' challenge window: the shortest ScoreOracle accepts. */
export const CHALLENGE_WINDOW = 3_600;

/** Moves the node's clock past the challenge window, so epochs published before can be finalized. */
export async function passChallengeWindow(chain: LocalChain): Promise<void> {
  await rpc(chain.url, "evm_increaseTime", [CHALLENGE_WINDOW]);
  await rpc(chain.url, "evm_mine");
}

/** Deploys the two contracts an epoch writes to; signers are dev accounts 1..n. */
export async function deployEpochContracts(chain: LocalChain, signers: number, threshold: number) {
  const c = connect(chain);
  const admin = c.accounts[0]!;
  const scoreOracle = await c.deploy("core/ScoreOracle.sol", "ScoreOracle", scoreOracleAbi, [
    admin.address,
    threshold,
    CHALLENGE_WINDOW,
  ]);
  const registry = await c.deploy(
    "core/ParticipantRegistry.sol",
    "ParticipantRegistry",
    participantRegistryAbi,
    [admin.address],
  );
  const signerAccounts = c.accounts.slice(1, 1 + signers);
  for (const s of signerAccounts)
    await c.send(
      c.wallet.writeContract({
        address: scoreOracle,
        abi: scoreOracleAbi,
        functionName: "grantRole",
        args: [keccak256(toHex("ORACLE_SIGNER_ROLE")), s.address],
      }),
    );
  await c.send(
    c.wallet.writeContract({
      address: registry,
      abi: participantRegistryAbi,
      functionName: "grantRole",
      args: [keccak256(toHex("ORACLE_ROLE")), admin.address],
    }),
  );
  const excluded = async (a: Address) =>
    (
      await c.publicClient.readContract({
        address: registry,
        abi: participantRegistryAbi,
        functionName: "participant",
        args: [a],
      })
    ).excluded;
  return { ...c, scoreOracle, registry, signers: signerAccounts, excluded };
}

/**
 * Stores a simulated epoch as the platform would send it: its campaigns (tasks and gold
 * commitments), their submissions, the gold sets revealed once the day closed; and 30 views
 * of the galleries' NFTs (6 at most).
 */
export async function storeSimulatedEpoch(
  database: Database,
  epoch: bigint,
  opts: Pick<SimOptions, "seed" | "users" | "abuse">,
  galleries: Galleries,
): Promise<Simulation> {
  const sim = simulate({ ...opts, start: Date.UTC(2026, 10, 23) });
  for (const c of sim.campaigns)
    await registerCampaignTasks(
      database.db,
      "sim",
      { campaignId: c.campaignId, tasks: c.tasks, goldCommitment: c.goldCommitment },
      epoch,
    );
  const subs = sim.submissions.map((s) => ({
    id: s.id,
    account: s.account,
    campaignId: BigInt(s.campaignId),
    taskId: s.taskId,
    taskType: s.taskType,
    answer: s.answer ?? undefined,
    rating: s.rating ?? undefined,
    choice: s.choice ?? undefined,
    startedAt: s.startedAt,
    submittedAt: s.submittedAt,
  }));
  await storeSubmissions(
    database.db,
    "sim",
    epoch,
    subs.map((s) => hashed(s)),
  );
  for (const c of sim.campaigns) {
    const r = await revealCampaignGold(database.db, c.gold, epoch);
    if (r.status === "refused") throw new Error(r.reason);
  }
  const nfts = galleries.tokens.slice(0, 6);
  const events = Array.from({ length: 30 }, (_, i) => ({
    id: `v${epoch}-${i}`,
    kind: "view" as const,
    actor: `0x${((i % 9) + 1).toString(16).padStart(40, "0")}`,
    collection: galleries.collection,
    tokenId: nfts[i % nfts.length]!.tokenId,
    creator: nfts[i % nfts.length]!.creator,
    durationMs: 60_000 * (1 + (i % 4)),
    amountWei: 0n,
    occurredAt: new Date(Date.UTC(2026, 10, 23, 10)),
  }));
  await storeEvents(
    database.db,
    "sim",
    epoch,
    events.map((e) => hashed(e)),
  );
  return sim;
}
