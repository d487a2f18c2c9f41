// The journal signs each transaction once: a reply lost after the node took a transaction is
// retried with the same signed bytes, never a second signature with the next nonce; and a
// restart re-broadcasts a journaled transaction the node never saw, or marks it dropped when
// its nonce went to another.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createPublicClient, custom, keccak256, toHex, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { participantRegistryAbi } from "@mesi/abi";
import { openDatabase, type Database } from "../src/db/database.ts";
import { TxJournal, contractCall } from "../src/publish/journal.ts";
import { rpc, startHardhatNode, type LocalChain } from "../../test/support/chain.ts";
import { deployEpochContracts } from "./support/epoch-fixture.ts";

let chain: LocalChain;
let c: Awaited<ReturnType<typeof deployEpochContracts>>;
let database: Database;
before(async () => {
  chain = await startHardhatNode();
  c = await deployEpochContracts(chain, 1, 1);
  database = await openDatabase();
});
after(async () => {
  await database.close();
  chain.stop();
});

const REASON = keccak256(toHex("journal test"));
const exclude = (account: Address) =>
  contractCall(c.registry, participantRegistryAbi, "setExclusions", [[account], true, REASON]);
const fresh = (name: string) => `0x${keccak256(toHex(name)).slice(-40)}` as Address;
const nonce = () => c.publicClient.getTransactionCount({ address: c.accounts[0]!.address });
const rows = () =>
  database.db.selectFrom("publication_journal").selectAll().orderBy("id").execute();

/**
 * A client that fails the first eth_sendRawTransaction calls: `unsent` of them before they
 * reach the node, then `lost` of them after the node took the transaction (its reply lost).
 */
function flakyClient(fail: { unsent: number; lost: number }) {
  const seen: Hex[] = [];
  const client = createPublicClient({
    chain: hardhat,
    transport: custom(
      {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const raw = method === "eth_sendRawTransaction" ? (params?.[0] as Hex) : undefined;
          if (raw) seen.push(raw);
          if (raw && fail.unsent > 0 && fail.unsent--)
            throw new Error("connection reset before the node read it");
          const result = await rpc(chain.url, method, params ?? []);
          if (raw && fail.lost > 0 && fail.lost--)
            throw new Error("socket hang up: the reply was lost");
          return result;
        },
      },
      { retryCount: 0 },
    ),
  });
  return { client, seen };
}

for (const fail of [
  { unsent: 2, lost: 0 },
  { unsent: 0, lost: 1 },
  { unsent: 1, lost: 1 },
])
  test(`a failed broadcast (${fail.unsent} never reached the node, ${fail.lost} reply lost) is retried with the same signed bytes: one transaction, one nonce, one journal row`, async () => {
    await database.db.deleteFrom("publication_journal").execute();
    const before = await nonce();
    const flaky = flakyClient({ ...fail });
    const journal = new TxJournal(
      database.db,
      { publicClient: flaky.client, wallet: c.wallet },
      1n,
      { baseMs: 10 },
    );
    const account = fresh(`broadcast ${JSON.stringify(fail)}`);
    const hash = await journal.send("exclusions:set", exclude(account));
    assert.equal(await nonce(), before + 1, "a second signature would have taken the next nonce");
    assert.equal(await c.excluded(account), true);
    assert.ok(flaky.seen.length >= 1 + fail.unsent, "every failure was retried");
    assert.ok(
      flaky.seen.every((raw) => raw === flaky.seen[0]),
      "every broadcast carried the same signed bytes",
    );
    const [row, ...more] = await rows();
    assert.equal(more.length, 0);
    assert.equal(row!.tx_hash, hash);
    assert.equal(row!.status, "confirmed");
    assert.equal(keccak256(row!.raw_tx as Hex), hash, "the journal holds the bytes it sent");
  });

test("a restart re-broadcasts a signed transaction the node never saw, and drops one whose nonce went elsewhere", async () => {
  await database.db.deleteFrom("publication_journal").execute();
  const signed = async (account: Address) => {
    const call = exclude(account);
    const request = await c.wallet.prepareTransactionRequest({ to: call.to, data: call.data });
    const raw = await c.wallet.signTransaction(request);
    return { raw, hash: keccak256(raw) };
  };
  const journalRow = (step: string, tx: { raw: Hex; hash: Hex }) =>
    database.db
      .insertInto("publication_journal")
      .values({ epoch: 1n, step, tx_hash: tx.hash, raw_tx: tx.raw, status: "sent" })
      .execute();

  // Journaled, then the process died before the broadcast.
  const unsent = fresh("never broadcast");
  const first = await signed(unsent);
  await journalRow("exclusions:set", first);
  const journal = new TxJournal(database.db, c, 1n, { baseMs: 10 });
  assert.equal(await journal.settle(), 1);
  assert.equal(await c.excluded(unsent), true, "re-broadcast from the journal");
  assert.equal((await rows())[0]!.status, "confirmed");

  // Journaled unsent, but another transaction took its nonce: refused, so dropped.
  const lost = fresh("nonce taken");
  const stale = await signed(lost);
  await journalRow("exclusions:set", stale);
  const before = await nonce();
  await c.send(
    c.wallet.writeContract({
      address: c.registry,
      abi: participantRegistryAbi,
      functionName: "setExclusions",
      args: [[fresh("other")], true, REASON],
    }),
  );
  assert.equal(await journal.settle(), 1);
  assert.equal(await c.excluded(lost), false);
  assert.equal(await nonce(), before + 1);
  const last = (await rows()).at(-1)!;
  assert.equal(last.tx_hash, stale.hash);
  assert.equal(last.status, "dropped");
});
