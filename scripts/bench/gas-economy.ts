// Gas of the economy (issue 3) beside the anchors the issue names, measured in the same run:
// OpenZeppelin VestingWallet(Cliff), Sablier Lockup v4, Uniswap's merkle-distributor.
import path from "node:path";
import type { network } from "hardhat";
import { keccak256, parseEther, toHex, type Address, type Hash, type Hex } from "viem";
import { DAY } from "../../test/helpers/core.ts";
import { deployEconomy } from "../../test/helpers/economy.ts";
import { anchorPackage, link, readArtifact } from "./anchors.ts";
import { benchAccount, mesiSaleScenario, revenueClaimScenario } from "./economy-scenarios.ts";
import type { BenchRow } from "./report.ts";

type Connection = Awaited<ReturnType<typeof network.create>>;

const fresh = (tag: string, n: number): Address[] =>
  Array.from({ length: n }, (_, i) => `0x${keccak256(toHex(`${tag}-${i}`)).slice(26)}` as Address);

export async function benchEconomy(conn: Connection): Promise<BenchRow[]> {
  const f = await deployEconomy(conn);
  const { viem, networkHelpers } = conn;
  const pc = f.publicClient;
  const gasOf = async (hash: Promise<Hash>): Promise<number> =>
    Number((await pc.waitForTransactionReceipt({ hash: await hash })).gasUsed);
  const rows: BenchRow[] = [];
  const row = (
    group: string,
    name: string,
    value: number,
    role: BenchRow["role"],
    extra: Partial<BenchRow> = {},
  ) => rows.push({ group, name, value, unit: "gas", role, ...extra });

  // --- Marketplace: list, cancel, buy in $MESI and ETH (fee 2.5% + royalty 5%), buyers holding no ticket.
  const sellers = f.users.slice(0, 4);
  const { ids } = await f.activeTickets(sellers);
  for (const s of sellers)
    await f.ticket.write.setApprovalForAll([f.market.address, true], { account: s.account });
  const price = parseEther("10");
  row(
    "marketplace",
    "list",
    await gasOf(
      f.market.write.list([f.ticket.address, ids[0]!, true, price], {
        account: sellers[0]!.account,
      }),
    ),
    "ours",
  );
  row(
    "marketplace",
    "cancel",
    await gasOf(
      f.market.write.cancel([f.ticket.address, ids[0]!], { account: sellers[0]!.account }),
    ),
    "ours",
  );
  const buyerE = benchAccount("buyer-eth");
  await networkHelpers.setBalance(buyerE.address, parseEther("100"));
  await f.market.write.list([f.ticket.address, ids[2]!, false, price], {
    account: sellers[2]!.account,
  });
  const mesiBuy = await mesiSaleScenario(conn, f, sellers, ids, price);
  row(
    "marketplace",
    "buy in $MESI with fee + royalty (buyer holds no NFT, seller holds $MESI)",
    await gasOf(mesiBuy()),
    "ours",
    {
      // Issue 3 aimed at 95,000; issue 8 accepted 114,851 as measured and keeps this ceiling.
      target: 116_000,
      note: "ceiling 116,000 (issue 8); Seaport 1.6 ~79k listed / ~104k signed, without fees",
    },
  );
  row(
    "marketplace",
    "buy in ETH with fee + royalty (buyer holds no NFT)",
    await gasOf(
      f.market.write.buy([f.ticket.address, ids[2]!, price], { account: buyerE, value: price }),
    ),
    "ours",
  );

  // --- Vesting: one schedule with a cliff, a batch of 100, release; vs VestingWallet and Sablier.
  await f.token.write.approve([f.vault.address, parseEther("1000000")]);
  const start = await f.now();
  const grant = (beneficiary: Address) => ({
    beneficiary,
    amount: parseEther("100"),
    start,
    cliff: 30 * DAY,
    duration: 365 * DAY,
    revocable: false,
  });
  const [one] = fresh("vest-one", 1);
  row(
    "vesting: create one schedule with cliff",
    "VestingVault.createSchedules ×1",
    await gasOf(f.vault.write.createSchedules([[grant(one!)]])),
    "ours",
  );
  const hundred = fresh("vest-100", 100);
  row(
    "vesting: create per schedule, batch of 100",
    "VestingVault.createSchedules ×100",
    Math.round((await gasOf(f.vault.write.createSchedules([hundred.map(grant)]))) / 100),
    "ours",
    { target: 30_000 },
  );
  const wallet = await viem.deployContract("OZVestingWalletCliff", [
    one!,
    BigInt(start),
    BigInt(365 * DAY),
    BigInt(30 * DAY),
  ]);
  const walletDeploy = await pc.getTransactionReceipt({
    hash: (await pc.getBlock({ includeTransactions: true })).transactions[0]!.hash,
  });
  const walletFund = await gasOf(f.token.write.transfer([wallet.address, parseEther("100")]));
  row(
    "vesting: create one schedule with cliff",
    "OpenZeppelin VestingWalletCliff (deploy + fund)",
    Number(walletDeploy.gasUsed) + walletFund,
    "baseline",
  );

  const sablierPkg = anchorPackage("@sablier/lockup@4.0.1");
  const art = (rel: string) => readArtifact(path.join(sablierPkg, "artifacts", rel));
  const deployRaw = async (
    bytecode: Hex,
    abi = art("libraries/LockupMath.json").abi,
    args: unknown[] = [],
  ) => {
    const [deployer] = await viem.getWalletClients();
    const hash = await deployer!.deployContract({ abi, bytecode, args });
    const receipt = await pc.waitForTransactionReceipt({ hash });
    return receipt.contractAddress!;
  };
  const helpers = await deployRaw(art("libraries/LockupHelpers.json").bytecode);
  const math = await deployRaw(art("libraries/LockupMath.json").bytecode);
  const comptroller = await viem.deployContract("ZeroFeeComptroller", []);
  const lockupArt = art("SablierLockup.json");
  const lockup = await deployRaw(
    link(lockupArt, { LockupHelpers: helpers, LockupMath: math }),
    lockupArt.abi,
    [comptroller.address, comptroller.address],
  );
  await f.token.write.approve([lockup, parseEther("1000000")]);
  const [deployer] = await viem.getWalletClients();
  const sablierParams = (recipient: Address) => [
    {
      sender: deployer!.account.address,
      recipient,
      depositAmount: parseEther("100"),
      token: f.token.address,
      cancelable: false,
      transferable: true,
      shape: "linear",
    },
    { start: 0n, cliff: 0n },
    0,
    { cliff: 30 * DAY, total: 365 * DAY },
  ];
  const sablierCreate = await gasOf(
    deployer!.writeContract({
      address: lockup,
      abi: lockupArt.abi,
      functionName: "createWithDurationsLL",
      args: sablierParams(one!),
    }),
  );
  row(
    "vesting: create one schedule with cliff",
    "Sablier Lockup v4 createWithDurationsLL",
    sablierCreate,
    "baseline",
  );
  rows.find((r) => r.name === "VestingVault.createSchedules ×1")!.target = Math.floor(
    sablierCreate * 0.6,
  );

  // Release half-way through: ours (first release) vs Sablier withdrawMax vs VestingWallet.release.
  await networkHelpers.time.increase(180 * DAY);
  const releaser = benchAccount("vest-releaser");
  await networkHelpers.setBalance(releaser.address, parseEther("1"));
  const sablierWithdraw = await gasOf(
    deployer!.writeContract({
      address: lockup,
      abi: lockupArt.abi,
      functionName: "withdrawMax",
      args: [1n, one!],
    }),
  );
  row(
    "vesting: release",
    "VestingVault.release (first release)",
    await gasOf(f.vault.write.release([one!, [0n]], { account: releaser })),
    "ours",
    { target: sablierWithdraw },
  );
  row("vesting: release", "Sablier Lockup v4 withdrawMax", sablierWithdraw, "baseline");
  row(
    "vesting: release",
    "OpenZeppelin VestingWalletCliff.release(token)",
    await gasOf(wallet.write.release([f.token.address])),
    "baseline",
  );

  // --- Revenue claim vs Uniswap merkle-distributor, both trees of 1,024 leaves (depth 10).
  const claims = await revenueClaimScenario(conn, f);
  row(
    "revenue claim (1,024 leaves, first claim)",
    `RevenueDistributor.claim (${claims.siblings} siblings, direct payout)`,
    await gasOf(claims.claim()),
    "ours",
  );
  const uniClaim = await gasOf(claims.uniswapClaim());
  row(
    "revenue claim (1,024 leaves, first claim)",
    `Uniswap MerkleDistributor.claim (${claims.uniswapSiblings} siblings)`,
    uniClaim,
    "baseline",
  );
  // Issue 8's ceiling: at most 1.16 × Uniswap's claim measured in the same run.
  const claimRow = rows.find((r) => r.name.startsWith("RevenueDistributor.claim"))!;
  claimRow.target = Math.floor(uniClaim * 1.16);
  claimRow.note = `ceiling 1.16 × Uniswap (issue 8): ${(claimRow.value / uniClaim).toFixed(3)} ×`;

  // --- Draw: entry, and k = 10 winners among n = 10, 1,000, 100,000 entries (WeightedDraw).
  const harness = await viem.deployContract("WeightedDrawHarness", []);
  for (const [poolId, n] of [
    [1n, 10],
    [2n, 1_000],
    [3n, 100_000],
  ] as const) {
    for (let added = 0; added < n; added += 500) {
      await harness.write.addMany([poolId, BigInt(Math.min(500, n - added)), 7n]);
    }
    const seed = keccak256(toHex(`seed-${n}`));
    const gas = await gasOf(harness.write.drawK([poolId, seed, 10n]));
    row(
      "draw k = 10 winners",
      `n = ${n.toLocaleString("en-US")} (per winner ${Math.round(gas / 10).toLocaleString("en-US")}, log2 n = ${Math.log2(n).toFixed(1)})`,
      gas,
      "ours",
      n === 100_000
        ? {
            // Issue 19, point 8: ≤ 100,000 gas per winner (the Fenwick removal tree drew at 231,126).
            target: 1_000_000,
            before: 2_311_255,
            change: gas - 2_311_255,
            note: `ceiling 100,000 per winner (issue 19): ${(gas - 2_311_255).toLocaleString("en-US")} (draws by rejection over the cumulative weights; the Fenwick tree only as the fallback)`,
          }
        : {},
    );
    if (n !== 100_000) continue;
    // The bounded fallback: winners 11..16 by rejection, then the switch (the 16 winners drawn
    // by rejection go into the tree, then a tree draw), then a tree draw after it.
    await harness.write.drawK([poolId, seed, 6n]);
    row(
      "draw fallback (n = 100,000)",
      "the switch to the tree after 16 winners (16 root paths + one tree draw)",
      await gasOf(harness.write.drawK([poolId, seed, 1n])),
      "ours",
      { target: 6_400_000, note: "bound: 16 root paths of ≤ 17 slots + one tree draw" },
    );
    row(
      "draw fallback (n = 100,000)",
      "a tree draw after the switch",
      await gasOf(harness.write.drawK([poolId, seed, 1n])),
      "ours",
    );
  }
  const drawHolders = f.users.slice(4, 8);
  const d = await f.activeTickets(drawHolders);
  await networkHelpers.time.increaseTo(d.config.qualityEnd);
  row(
    "draw entry",
    "PrizeDraw.enter (TQS proof, lock the ticket)",
    await gasOf(
      f.draw.write.enter([d.ids[0]!, 8000n, d.tqsProof(drawHolders[0]!.account.address)], {
        account: drawHolders[0]!.account,
      }),
    ),
    "ours",
  );
  return rows;
}
