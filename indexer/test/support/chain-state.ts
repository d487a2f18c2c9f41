// Checks the indexer's current-state tables against the contracts' own views (eth_call at the
// indexed head): every ticket's owner and state, gallery items' owners, $MESI balances, votes
// and delegates, participants, operator approvals, live listings and open offers, draw
// entries, vesting schedules, revenue pools and seeds. Returns every mismatch, named.
import { zeroAddress, type Address } from "viem";
import type { System } from "../../../test/support/system.ts";
import * as t from "../../ponder.schema.ts";
import type { Indexer } from "./indexer.ts";

const TICKET_STATES = ["none", "placeholder", "active", "void"];

export async function mismatchesWithChain(idx: Indexer, sys: System, block: bigint) {
  const db = idx.client.db;
  const k = sys.contracts;
  const at = { blockNumber: block };
  const bad: string[] = [];
  const check = (what: string, indexed: unknown, chain: unknown) => {
    if (String(indexed) !== String(chain)) bad.push(`${what}: indexed ${indexed}, chain ${chain}`);
  };
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

  for (const row of await db.select().from(t.ticket)) {
    const state = await k.ticket.read.stateOf([row.id], at);
    check(`ticket ${row.id} state`, row.state, TICKET_STATES[state]);
    if (row.state !== "void") {
      check(
        `ticket ${row.id} owner`,
        row.owner,
        (await k.ticket.read.ownerOf([row.id], at)).toLowerCase(),
      );
      check(`ticket ${row.id} entered`, row.entered, await k.ticket.read.isEntered([row.id], at));
      check(`ticket ${row.id} locked`, row.locked, await k.ticket.read.locked([row.id], at));
    }
    check(
      `ticket ${row.id} campaign`,
      row.campaignId,
      await k.ticket.read.campaignOf([row.id], at),
    );
  }
  for (const row of await db.select().from(t.galleryItem))
    check(
      `gallery item ${row.tokenId} owner`,
      row.owner,
      (await k.gallery.read.ownerOf([row.tokenId], at)).toLowerCase(),
    );
  for (const row of await db.select().from(t.mesiAccount)) {
    check(
      `$MESI ${row.address} balance`,
      row.balance,
      await k.token.read.balanceOf([row.address], at),
    );
    check(`$MESI ${row.address} votes`, row.votes, await k.token.read.getVotes([row.address], at));
    const delegate = await k.token.read.delegates([row.address], at);
    check(`$MESI ${row.address} delegate`, row.delegate ?? zeroAddress, delegate.toLowerCase());
  }
  for (const row of await db.select().from(t.participant)) {
    const p = await k.registry.read.participant([row.account], at);
    check(`participant ${row.account} scopes`, row.scopes, p.scopes);
    check(`participant ${row.account} consentedAt`, row.consentedAt ?? 0, p.consentedAt);
    check(`participant ${row.account} revokedAt`, row.consentRevokedAt ?? 0, p.revokedAt);
    check(`participant ${row.account} kycExpiry`, row.kycExpiry, p.kycExpiry);
    check(`participant ${row.account} excluded`, row.excluded, p.excluded);
  }
  for (const row of await db.select().from(t.operatorApproval)) {
    const collection = same(row.collection, sys.deployment.contracts.Ticket) ? k.ticket : k.gallery;
    check(
      `approval ${row.owner} → ${row.operator}`,
      row.approved,
      await collection.read.isApprovedForAll([row.owner, row.operator], at),
    );
  }
  for (const row of await db.select().from(t.listing)) {
    const live = await k.market.read.listingOf([row.collection, row.tokenId], at);
    const onChain = live.seller !== zeroAddress;
    check(`listing ${row.collection}/${row.tokenId} live`, row.status === "live", onChain);
    if (onChain) check(`listing ${row.collection}/${row.tokenId} price`, row.price, live.price);
  }
  for (const row of await db.select().from(t.offer)) {
    const o = await k.market.read.offerOf([row.collection, row.tokenId, row.bidder as Address], at);
    check(`offer ${row.tokenId} by ${row.bidder} open`, row.status === "open", o.amount > 0n);
  }
  for (const row of await db.select().from(t.drawEntry)) {
    const e = await k.draw.read.entryOf([row.ticketId], at);
    check(`entry ${row.ticketId} tier`, row.tier === null ? 0 : row.tier + 1, e.tier);
    check(`entry ${row.ticketId} claimed`, row.prizeClaimed, e.prizeClaimed);
    check(`entry ${row.ticketId} exited`, row.exited, e.exited);
  }
  for (const row of await db.select().from(t.vestingSchedule)) {
    const who = row.beneficiary as Address;
    const s = await k.vault.read.scheduleOf([who, row.nonce], at);
    check(`schedule ${who}/${row.nonce} amount`, row.amount - row.clawedBack, s.amount);
    check(
      `schedule ${who}/${row.nonce} released`,
      row.released,
      await k.vault.read.releasedOf([who, row.nonce], at),
    );
  }
  for (const row of await db.select().from(t.revenuePool)) {
    const p = await k.distributor.read.pool([row.epoch], at);
    check(`pool ${row.epoch} claimed`, row.claimed, p.claimed);
    check(`pool ${row.epoch} rolled over`, row.rolledOver !== null, p.rolledOver);
  }
  for (const row of await db.select().from(t.randomnessSeed)) {
    if (row.commitment === null) continue;
    const s = await k.randomness.read.seedInfo([row.key], at);
    check(`seed ${row.key}`, row.seed ?? `0x${"00".repeat(32)}`, s.seed);
    check(`seed ${row.key} missed`, row.missedAt !== null, s.missed);
    check(`seed ${row.key} failed`, row.failedAt !== null, s.failed);
  }
  return bad;
}
