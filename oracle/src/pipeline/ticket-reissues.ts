// A granted appeal of a voided ticket revives it: CampaignManager.reissueVoided mints a new
// Active ticket of the same campaign to the holder the voided ticket had (TicketReissued links
// the two ids). Each granted ticket appeal is settled once:
//   reissued   → the chain holds the new ticket (sent now, or by a run a crash interrupted)
//   not-void   → the appealed ticket is not voided on chain: there is nothing to revive
//   not-yours  → the voided ticket was someone else's: the contract would mint to its holder
// An appeal whose holder is excluded is skipped on chain and stays unsettled: it goes out once
// a review reinstates the account. The chain is read before anything is sent and sends are
// journaled (publish/tickets.ts), so a restart never re-issues twice.
import type { Address } from "viem";
import { ticketAbi } from "@mesi/abi";
import type { Db } from "../db/database.ts";
import { publishReissues, type Chainside } from "../publish/tickets.ts";

export interface ReissuesResult {
  reissued: number;
  notVoid: number;
  notYours: number;
  waiting: number;
  txs: number;
}

const VOID = 3;

export async function reissueGrantedTickets(
  db: Db,
  chain: Chainside,
  contracts: { campaigns: Address; ticket: Address },
  epoch: bigint,
  log: (step: string, detail: Record<string, unknown>) => void,
): Promise<ReissuesResult> {
  const granted = await db
    .selectFrom("review_items as i")
    .leftJoin("ticket_reissues as r", "r.review_item", "i.id")
    .select(["i.id", "i.account", "i.ticket_id"])
    .where("i.kind", "=", "appeal")
    .where("i.appeal_target", "=", "ticket")
    .where("i.decision", "=", "grant")
    .where("i.ticket_id", "is not", null)
    .where("r.review_item", "is", null)
    .orderBy("i.id")
    .execute();
  const result: ReissuesResult = { reissued: 0, notVoid: 0, notYours: 0, waiting: 0, txs: 0 };
  if (granted.length === 0) return result;

  const ticket = { address: contracts.ticket, abi: ticketAbi } as const;
  const pc = chain.publicClient;
  const stateOf = (id: bigint) =>
    pc.readContract({ ...ticket, functionName: "stateOf", args: [id] });
  const holderOf = (id: bigint) =>
    pc.readContract({ ...ticket, functionName: "voidedHolderOf", args: [id] });
  const campaignOf = (id: bigint) =>
    pc.readContract({ ...ticket, functionName: "campaignOf", args: [id] });
  const reissuedAs = (id: bigint) =>
    pc.readContract({ ...ticket, functionName: "reissuedAs", args: [id] });
  const settle = (item: string, voidedId: bigint, outcome: "not-void" | "not-yours") =>
    db
      .insertInto("ticket_reissues")
      .values({ review_item: item, voided_id: voidedId, outcome, new_id: null, epoch })
      .onConflict((oc) => oc.doNothing())
      .execute();

  // Which appeals still need a re-issue, by campaign.
  const toSend = new Map<bigint, { item: string; id: bigint }[]>();
  for (const g of granted) {
    const id = BigInt(g.ticket_id!);
    if ((await stateOf(id)) !== VOID) {
      await settle(g.id, id, "not-void");
      result.notVoid++;
    } else if ((await holderOf(id)).toLowerCase() !== g.account) {
      await settle(g.id, id, "not-yours");
      result.notYours++;
    } else {
      const campaign = await campaignOf(id);
      toSend.set(campaign, [...(toSend.get(campaign) ?? []), { item: g.id, id }]);
    }
  }

  for (const [campaign, items] of toSend) {
    const txs = await publishReissues(
      chain,
      contracts.campaigns,
      contracts.ticket,
      campaign,
      items.map((x) => x.id),
    );
    result.txs += txs.length;
    // What the chain holds now decides: re-issued (now or before a crash), or skipped because
    // the holder is excluded (left unsettled, tried again next epoch).
    for (const { item, id } of items) {
      const newId = await reissuedAs(id);
      if (newId === 0n) {
        result.waiting++;
        continue;
      }
      await db
        .insertInto("ticket_reissues")
        .values({ review_item: item, voided_id: id, outcome: "reissued", new_id: newId, epoch })
        .onConflict((oc) => oc.doNothing())
        .execute();
      result.reissued++;
    }
  }
  log("ticket reissues", { ...result });
  return result;
}
