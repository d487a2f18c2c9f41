// A large, realistic load of the project's own contracts, generated fast: many participants
// opt in and are KYC'd, a TQS epoch scores them all, then campaign after campaign they join,
// are selected over capacity by the seeded draw, complete (placeholders), get verdicts
// (activations and voids), and a share of the tickets is listed and sold for $MESI.
//
// Speed: the participants are impersonated on the node (no local signing), transactions go
// to the mempool with automine off and each block is mined with evm_mine once it is full,
// as a busy chain would fill it. `npm run bench:indexer` and the indexer's restart test use it.
import {
  encodeFunctionData,
  getAddress,
  keccak256,
  parseEther,
  toHex,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { ScoreKind } from "@mesi/abi";
import { mine, mineAt, rpc } from "./chain.ts";
import { DAY, POLICY, ALL_SCOPES, campaignWindows, type System } from "./system.ts";

export interface WorkloadOptions {
  /** Participants (each joins every campaign). */
  participants: number;
  campaigns: number;
  /** Tickets of each campaign listed and bought. */
  salesPerCampaign: number;
  /** Called with a line of progress now and then. */
  progress?: (line: string) => void;
}

interface Tx {
  from: Address;
  to: Address;
  data: Hex;
  gas: bigint;
}

const BLOCK_GAS = 55_000_000n;
/** The node re-checks its whole mempool on each submission: blocks stay small to keep it fast. */
const BLOCK_TXS = 50;
const SEND_CONCURRENCY = 24;

/** Sends transactions in full blocks (automine off), checks every receipt, counts blocks. */
function blockBuilder(url: string) {
  let pending: Tx[] = [];
  let gas = 0n;
  let blocks = 0;
  let txs = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    gas = 0n;
    const hashes: Hex[] = [];
    for (let i = 0; i < batch.length; i += SEND_CONCURRENCY)
      hashes.push(
        ...(await Promise.all(
          batch
            .slice(i, i + SEND_CONCURRENCY)
            .map((tx) =>
              rpc<Hex>(url, "eth_sendTransaction", [
                { from: tx.from, to: tx.to, data: tx.data, gas: toHex(tx.gas) },
              ]),
            ),
        )),
      );
    await mine(url);
    blocks++;
    txs += batch.length;
    for (let i = 0; i < hashes.length; i += SEND_CONCURRENCY) {
      const receipts = await Promise.all(
        hashes
          .slice(i, i + SEND_CONCURRENCY)
          .map((h) =>
            rpc<{ status: Hex; blockNumber: Hex | null }>(url, "eth_getTransactionReceipt", [h]),
          ),
      );
      const bad = receipts.findIndex((r) => !r || r.status !== "0x1");
      if (bad >= 0) {
        // Replay it where it ran to name the error.
        const tx = batch[i + bad]!;
        const why = await rpc(url, "eth_call", [
          { from: tx.from, to: tx.to, data: tx.data, gas: toHex(tx.gas) },
          receipts[bad]?.blockNumber ? toHex(BigInt(receipts[bad]!.blockNumber!) - 1n) : "latest",
        ]).then(
          () => "no revert when replayed",
          (e: Error) => e.message,
        );
        throw new Error(
          `workload transaction ${hashes[i + bad]} (${tx.data.slice(0, 10)} from ${tx.from}) failed: ${why}`,
        );
      }
    }
  };
  return {
    async add(tx: Tx) {
      if (gas + tx.gas > BLOCK_GAS || pending.length >= BLOCK_TXS) await flush();
      pending.push(tx);
      gas += tx.gas;
    },
    flush,
    stats: () => ({ blocks, txs }),
  };
}

/** Generates the load on a deployed system; returns what it sent. */
export async function generateWorkload(sys: System, opts: WorkloadOptions) {
  const { contracts: k, roles } = sys;
  const c = sys.deployment.contracts;
  const say = opts.progress ?? (() => undefined);
  const people = Array.from({ length: opts.participants }, (_, i) =>
    getAddress(keccak256(toHex(`mesi-workload-${i}`)).slice(0, 42)),
  );
  for (let i = 0; i < people.length; i += SEND_CONCURRENCY)
    await Promise.all(
      people
        .slice(i, i + SEND_CONCURRENCY)
        .flatMap((p) => [
          rpc(sys.url, "hardhat_impersonateAccount", [p]),
          rpc(sys.url, "hardhat_setBalance", [p, toHex(parseEther("100"))]),
        ]),
    );

  const call = <A extends Abi>(
    abi: A,
    to: Address,
    from: Address,
    gas: bigint,
    fn: string,
    args: unknown[],
  ): Tx => ({
    from,
    to,
    gas,
    data: encodeFunctionData({ abi, functionName: fn, args } as never),
  });
  await rpc(sys.url, "evm_setAutomine", [false]);
  const chain = blockBuilder(sys.url);
  try {
    // Consent and KYC (the attestor batches 200 a transaction, and renews them every round).
    for (const p of people)
      await chain.add(
        call(k.registry.abi, c.ParticipantRegistry, p, 90_000n, "optIn", [ALL_SCOPES, POLICY]),
      );
    const attestAll = async () => {
      const expiry = (await sys.now()) + 365 * DAY;
      for (let i = 0; i < people.length; i += 200) {
        const group = people.slice(i, i + 200);
        await chain.add(
          call(k.registry.abi, c.ParticipantRegistry, roles.kyc, 12_000_000n, "attestKycBatch", [
            group,
            group.map(() => expiry),
            group.map((p) => keccak256(toHex(`kyc-${p}-${expiry}`))),
          ]),
        );
      }
    };
    await attestAll();
    // Buyers hold $MESI and allow the marketplace to pull it.
    const buyers = people.slice(0, Math.max(2, opts.salesPerCampaign));
    for (const b of buyers) {
      await chain.add(
        call(k.token.abi, c.MesiToken, roles.admin, 120_000n, "transfer", [
          b,
          parseEther("100000"),
        ]),
      );
      await chain.add(
        call(k.token.abi, c.MesiToken, b, 80_000n, "approve", [
          c.TicketMarketplace,
          parseEther("100000"),
        ]),
      );
    }
    await chain.flush();
    say(`onboarded ${people.length} participants`);

    // One final TQS epoch scores everybody.
    await rpc(sys.url, "evm_setAutomine", [true]);
    const tqs = people.map((_, i) => BigInt(1000 + ((i * 7919) % 9000)));
    const tree = await sys.publishScores(
      ScoreKind.TQS,
      people.map((account, i) => ({ account, score: tqs[i]! })),
      {
        "bot-timing@1": BigInt(people.length % 97),
        "near-duplicate@1": BigInt(people.length % 89),
      },
    );
    await sys.finalize(ScoreKind.TQS, tree.epoch);
    await rpc(sys.url, "evm_setAutomine", [false]);

    const capacity = Math.max(1, Math.floor(people.length * 0.9));
    for (let round = 0; round < opts.campaigns; round++) {
      if (round > 0) await attestAll();
      const t0 = await sys.now();
      const config = {
        metadataURI: `ipfs://workload/${round}`,
        requiredScopes: 1,
        minTqs: 0,
        capacity,
        joinCap: people.length,
        ...campaignWindows(t0),
      };
      const tier = {
        kind: 2,
        winners: 10,
        amount: 1n,
        immediateBps: 0,
        cliff: 0,
        duration: 0,
        ref: keccak256(toHex(`item-${round}`)),
      };
      await chain.add(
        call(k.campaigns.abi, c.CampaignManager, roles.admin, 1_000_000n, "createCampaign", [
          config,
          [tier],
        ]),
      );
      await chain.flush();
      const id = await k.campaigns.read.campaignCount();
      for (const [i, p] of people.entries())
        await chain.add(
          call(k.campaigns.abi, c.CampaignManager, p, 300_000n, "join", [
            id,
            tqs[i]!,
            tree.proofOf(p).proof,
          ]),
        );
      await chain.flush();

      // Enrolment closes; the seed is committed, revealed, and the selection drawn in chunks.
      await mineAt(sys.url, config.joinEnd + 1);
      await rpc(sys.url, "evm_setAutomine", [true]);
      await sys.commitAndReveal(
        await k.campaigns.read.selectionKey([id]),
        keccak256(toHex(`secret-${round}`)),
      );
      await rpc(sys.url, "evm_setAutomine", [false]);
      for (let drawn = 0; drawn < capacity; drawn += 150)
        await chain.add(
          call(k.campaigns.abi, c.CampaignManager, roles.oracle, 14_000_000n, "drawSelection", [
            id,
            150n,
          ]),
        );
      await chain.flush();
      const selected = (
        await sys.publicClient.getContractEvents({
          address: c.CampaignManager,
          abi: k.campaigns.abi,
          eventName: "ParticipantSelected",
          args: { campaignId: id },
          fromBlock: 0n,
        })
      ).map((l) => l.args.account!);

      // Completions and verdicts in batches of 100: nine in ten pass.
      const first = await k.ticket.read.nextTokenId();
      for (let i = 0; i < selected.length; i += 100)
        await chain.add(
          call(k.campaigns.abi, c.CampaignManager, roles.oracle, 9_000_000n, "recordCompletions", [
            id,
            selected.slice(i, i + 100),
          ]),
        );
      await chain.flush();
      const ids = selected.map((_, i) => first + BigInt(i));
      for (let i = 0; i < ids.length; i += 100) {
        const batch = ids.slice(i, i + 100);
        await chain.add(
          call(k.campaigns.abi, c.CampaignManager, roles.oracle, 9_000_000n, "recordVerdicts", [
            id,
            batch.filter((t) => t % 10n !== 0n),
            batch.filter((t) => t % 10n === 0n),
          ]),
        );
      }
      await chain.flush();

      // A share of the active tickets is listed and bought.
      const forSale = ids.filter((t) => t % 10n !== 0n).slice(0, opts.salesPerCampaign);
      for (const [i, t] of forSale.entries()) {
        const seller = selected[ids.indexOf(t)]!;
        await chain.add(
          call(k.ticket.abi, c.Ticket, seller, 80_000n, "setApprovalForAll", [
            c.TicketMarketplace,
            true,
          ]),
        );
        await chain.add(
          call(k.market.abi, c.TicketMarketplace, seller, 150_000n, "list", [
            c.Ticket,
            t,
            true,
            parseEther(String(10 + (i % 50))),
          ]),
        );
      }
      await chain.flush();
      for (const [i, t] of forSale.entries()) {
        // Never the seller itself (a listing nobody buys would stay live).
        const seller = selected[ids.indexOf(t)]!;
        const buyer = [...buyers.slice(i % buyers.length), ...buyers].find((b) => b !== seller);
        if (!buyer) continue;
        await chain.add(
          call(k.market.abi, c.TicketMarketplace, buyer, 250_000n, "buy", [
            c.Ticket,
            t,
            parseEther("100"),
          ]),
        );
      }
      await chain.flush();
      say(
        `campaign ${round + 1}/${opts.campaigns}: ${selected.length} selected, ${forSale.length} listed`,
      );
    }
  } finally {
    await rpc(sys.url, "evm_setAutomine", [true]);
  }
  return chain.stats();
}
