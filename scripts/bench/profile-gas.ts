// `npm run profile:gas`: where the gas of the two economy hot paths goes. Replays the
// bench's steady state for a $MESI marketplace buy (fee + royalty) and a first revenue claim
// (1,024 leaves), traces each transaction with debug_traceTransaction and sums, per contract
// (storage context), the cost of SLOAD / SSTORE / transient storage / calls / logs / hashing /
// everything else. A call's own cost (access, value, stipend) is charged to the caller; what
// the callee spends is charged to the callee.
import { network } from "hardhat";
import { hexToBytes, parseEther, type Hash } from "viem";
import { deployEconomy } from "../../test/helpers/economy.ts";
import { mesiSaleScenario, revenueClaimScenario } from "./economy-scenarios.ts";

type Connection = Awaited<ReturnType<typeof network.create>>;

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  stack?: string[];
}

const CATEGORY: Record<string, string> = {
  SLOAD: "SLOAD",
  SSTORE: "SSTORE",
  TLOAD: "TSTORE/TLOAD",
  TSTORE: "TSTORE/TLOAD",
  CALL: "CALL*",
  STATICCALL: "CALL*",
  DELEGATECALL: "CALL*",
  CALLCODE: "CALL*",
  KECCAK256: "KECCAK256",
  LOG0: "LOG",
  LOG1: "LOG",
  LOG2: "LOG",
  LOG3: "LOG",
  LOG4: "LOG",
};
const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"]);

/** Per contract and category: gas and opcode count. */
type Breakdown = Map<string, Map<string, { gas: number; count: number }>>;

export async function profileTx(
  conn: Connection,
  hash: Hash,
  names: Record<string, string>,
): Promise<{ gasUsed: number; calldata: number; refund: number; breakdown: Breakdown }> {
  const pc = await conn.viem.getPublicClient();
  const receipt = await pc.getTransactionReceipt({ hash });
  const trace = (await conn.provider.request({
    method: "debug_traceTransaction",
    params: [hash, { disableMemory: true, disableStorage: true }],
  })) as { gas: number; structLogs: StructLog[] };
  const logs = trace.structLogs;
  const label = (a: string) => names[a.toLowerCase()] ?? a;
  const breakdown: Breakdown = new Map();
  const add = (who: string, cat: string, gas: number) => {
    const m = breakdown.get(who) ?? new Map<string, { gas: number; count: number }>();
    const e = m.get(cat) ?? { gas: 0, count: 0 };
    e.gas += gas;
    e.count += 1;
    m.set(cat, e);
    breakdown.set(who, m);
  };
  // Storage context per depth; delegatecalls keep the caller's context.
  const ctx: string[] = [label(receipt.to!)];
  for (let i = 0; i < logs.length; i++) {
    const s = logs[i]!;
    const who = ctx[s.depth - 1]!;
    const next = logs[i + 1];
    let cost: number;
    if (CALLS.has(s.op) && next && next.depth === s.depth + 1) {
      // Inclusive cost = gas before the call − gas after it returns; the child's own steps
      // are counted in the child, so charge the caller only the difference.
      let j = i + 1;
      while (j < logs.length && logs[j]!.depth > s.depth) j++;
      const after = logs[j];
      const inclusive = after ? s.gas - after.gas : s.gasCost;
      // What the callee consumed: gas at its first step − gas left after its last step.
      const last = logs[j - 1]!;
      const childUsed = next.gas - (last.gas - last.gasCost);
      cost = inclusive - childUsed;
      const stack = s.stack ?? [];
      const target = `0x${BigInt(stack[stack.length - 2] ?? "0")
        .toString(16)
        .padStart(40, "0")}`;
      ctx[s.depth] = s.op === "DELEGATECALL" ? who : label(target);
    } else if (next && next.depth === s.depth) {
      cost = s.gas - next.gas;
    } else if (next && next.depth > s.depth) {
      cost = 0; // CREATE: not on these paths
    } else {
      cost = s.gasCost; // last step of a frame
    }
    add(who, CATEGORY[s.op] ?? "other", cost);
  }
  const executed = logs.length ? logs[0]!.gas - (logs.at(-1)!.gas - logs.at(-1)!.gasCost) : 0;
  const tx = await pc.getTransaction({ hash });
  const calldata = hexToBytes(tx.input).reduce((a, b) => a + (b === 0 ? 4 : 16), 0);
  const gasUsed = Number(receipt.gasUsed);
  return { gasUsed, calldata, refund: 21_000 + calldata + executed - gasUsed, breakdown };
}

function print(title: string, r: Awaited<ReturnType<typeof profileTx>>): void {
  const cats = ["SLOAD", "SSTORE", "TSTORE/TLOAD", "CALL*", "LOG", "KECCAK256", "other"];
  console.log(`\n${title}: ${r.gasUsed.toLocaleString("en-US")} gas`);
  const n = (x: number) => x.toLocaleString("en-US");
  console.log(`  21,000 + calldata ${n(r.calldata)}, refund −${n(r.refund)}`);
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`  ${pad("contract", 20)}${cats.map((c) => pad(c, 16)).join("")}total`);
  for (const [who, m] of r.breakdown) {
    let total = 0;
    const cells = cats.map((c) => {
      const e = m.get(c);
      total += e?.gas ?? 0;
      return pad(e ? `${e.gas.toLocaleString("en-US")} (${e.count})` : "-", 16);
    });
    console.log(`  ${pad(who, 20)}${cells.join("")}${total.toLocaleString("en-US")}`);
  }
}

const conn = await network.create();
const f = await deployEconomy(conn);
const names: Record<string, string> = {
  [f.token.address.toLowerCase()]: "MesiToken",
  [f.ticket.address.toLowerCase()]: "Ticket",
  [f.market.address.toLowerCase()]: "TicketMarketplace",
  [f.distributor.address.toLowerCase()]: "RevenueDistributor",
  [f.vault.address.toLowerCase()]: "VestingVault",
  [f.scoreOracle.address.toLowerCase()]: "ScoreOracle",
};

// The transactions the bench measures, in the same steady states (economy-scenarios.ts).
const sellers = f.users.slice(0, 4);
const { ids } = await f.activeTickets(sellers);
for (const s of sellers)
  await f.ticket.write.setApprovalForAll([f.market.address, true], { account: s.account });
const buy = await mesiSaleScenario(conn, f, sellers, ids, parseEther("10"));
print("TicketMarketplace.buy in $MESI, fee + royalty", await profileTx(conn, await buy(), names));

const claims = await revenueClaimScenario(conn, f);
names[claims.uniswap.toLowerCase()] = "UniswapDistributor";
print(
  "RevenueDistributor.claim, 10 siblings, direct payout",
  await profileTx(conn, await claims.claim(), names),
);
print(
  "Uniswap MerkleDistributor.claim, 10 siblings",
  await profileTx(conn, await claims.uniswapClaim(), names),
);
