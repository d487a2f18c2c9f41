// $MESI balances, approvals and delegation (delegated votes are the User Score's "influence").
import { ponder } from "ponder:registry";
import { mesiAccount, mesiApproval } from "ponder:schema";
import { zeroAddress } from "viem";
import { recordSetting } from "../lib/record.ts";

ponder.on("MesiToken:Transfer", async ({ event, context }) => {
  const { from, to, value } = event.args;
  if (from !== zeroAddress)
    await context.db
      .insert(mesiAccount)
      .values({ address: from, balance: -value, votes: 0n })
      .onConflictDoUpdate((row) => ({ balance: row.balance - value }));
  if (to !== zeroAddress)
    await context.db
      .insert(mesiAccount)
      .values({ address: to, balance: value, votes: 0n })
      .onConflictDoUpdate((row) => ({ balance: row.balance + value }));
});

ponder.on("MesiToken:Approval", async ({ event, context }) => {
  const { owner, spender, value } = event.args;
  const approvedAt = Number(event.block.timestamp);
  await context.db
    .insert(mesiApproval)
    .values({ owner, spender, amount: value, approvedAt })
    .onConflictDoUpdate({ amount: value, approvedAt });
});

ponder.on("MesiToken:DelegateChanged", async ({ event, context }) => {
  const { delegator, toDelegate } = event.args;
  await context.db
    .insert(mesiAccount)
    .values({ address: delegator, balance: 0n, delegate: toDelegate, votes: 0n })
    .onConflictDoUpdate({ delegate: toDelegate });
});

ponder.on("MesiToken:DelegateVotesChanged", async ({ event, context }) => {
  const { delegate, newVotes } = event.args;
  await context.db
    .insert(mesiAccount)
    .values({ address: delegate, balance: 0n, votes: newVotes })
    .onConflictDoUpdate({ votes: newVotes });
});

ponder.on("MesiToken:EIP712DomainChanged", async ({ event, context }) => {
  await recordSetting(context, event, "MesiToken", "eip712Domain", event.block.number.toString());
});
