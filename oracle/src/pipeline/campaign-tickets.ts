// The tickets of every registered campaign whose quality window is still open:
//   completions → every account that has answered each of the campaign's registered tasks
//                 (CampaignManager mints its placeholder; non-members are skipped on chain),
//                 once the selected group is known: they wait while enrolment is open and
//                 joins could still exceed the capacity, and over capacity until the
//                 selection is drawn (completionsWait; the chain refuses them earlier)
//   verdicts    → each placeholder: activated when its holder's work on the campaign is clean;
//                 voided when the holder is excluded or a reviewer upheld a serious flag on
//                 that work; left waiting while such a flag is still open in review, unless
//                 the window closes before the next epoch (then an open flag counts). A flag
//                 on the work is one on a submission to the campaign, or an account-level one
//                 (bot timing, mass upload, a ring…) raised in an epoch in which the account
//                 answered the campaign's tasks: how a bot works is not a flag on one answer
// Both go out in gas-capped batches that read the chain first (publish/tickets.ts).
import { getAbiItem, type Address, type Hex } from "viem";
import { campaignManagerAbi } from "@mesi/abi";
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import {
  completionsWait,
  publishCompletions,
  publishVerdicts,
  type Chainside,
} from "../publish/tickets.ts";

/** A flag at least this severe on a campaign's work fails its ticket. */
export const VOID_SEVERITY = 0.5;

export interface CampaignTicketsResult {
  campaign: string;
  completions: number;
  activated: number;
  voided: number;
  waiting: number;
  txs: number;
  skipped?: string;
  /** Why no completion went out yet (completionsWait), when they wait. */
  completionsWait?: string;
}

async function completers(db: Db, campaignId: string, epoch: bigint): Promise<Address[]> {
  const r = await sql<{ account: string }>`
    SELECT s.account FROM submissions s
    JOIN campaign_tasks t ON t.campaign_id = s.campaign_id AND t.task_id = s.task_id
    WHERE s.campaign_id = ${campaignId} AND s.epoch <= ${epoch}
    GROUP BY s.account
    HAVING count(DISTINCT s.task_id) = (SELECT count(*) FROM campaign_tasks WHERE campaign_id = ${campaignId})
    ORDER BY s.account`.execute(db);
  return r.rows.map((x) => x.account as Address);
}

/** Per account: serious flags on its work for the campaign, standing and still open. */
export async function flagState(db: Db, campaignId: string, epoch: bigint) {
  const r = await sql<{
    account: string;
    standing: string;
    open: string;
    excluded: boolean | null;
  }>`
    WITH work AS (
      SELECT id, account, epoch FROM submissions WHERE campaign_id = ${campaignId}
    ), serious AS (
      -- Two equi-joins (hashable, the second on flags_account) rather than one join on an OR.
      SELECT f.id, f.account, f.status FROM flags f JOIN work w ON f.submission_id = w.id
      WHERE f.severity >= ${VOID_SEVERITY}
      UNION
      SELECT f.id, f.account, f.status FROM flags f
      JOIN (SELECT DISTINCT account, epoch FROM work) e
        ON f.account = e.account AND f.epoch = e.epoch
      WHERE f.submission_id IS NULL AND f.severity >= ${VOID_SEVERITY}
    )
    SELECT a.account,
      count(f.id) FILTER (WHERE f.status <> 'dismissed') AS standing,
      count(f.id) FILTER (WHERE f.status = 'open') AS open,
      (SELECT t.excluded FROM tqs_scores t WHERE t.account = a.account AND t.epoch <= ${epoch}
        ORDER BY t.epoch DESC LIMIT 1) AS excluded
    FROM (SELECT DISTINCT account FROM work) a
    LEFT JOIN serious f ON f.account = a.account
    GROUP BY a.account`.execute(db);
  return new Map(
    r.rows.map((x) => [
      x.account,
      { standing: Number(x.standing), open: Number(x.open), excluded: !!x.excluded },
    ]),
  );
}

/** Ticket id → holder at mint, from the manager's CompletionsRecorded events. */
async function mintedTickets(
  c: Chainside,
  manager: Address,
  campaignId: bigint,
): Promise<Map<bigint, string>> {
  const logs = await c.publicClient.getLogs({
    address: manager,
    event: getAbiItem({ abi: campaignManagerAbi, name: "CompletionsRecorded" }),
    args: { campaignId },
    fromBlock: 0n,
  });
  const out = new Map<bigint, string>();
  for (const l of logs)
    l.args.accounts!.forEach((a, i) => out.set(l.args.firstTicketId! + BigInt(i), a.toLowerCase()));
  return out;
}

export async function publishCampaignTickets(
  db: Db,
  chain: Chainside,
  contracts: { campaigns: Address; ticket: Address },
  epoch: bigint,
  epochSeconds: number,
  log: (step: string, detail: Record<string, unknown>) => void,
): Promise<CampaignTicketsResult[]> {
  const campaigns = await db
    .selectFrom("campaign_tasks")
    .select("campaign_id")
    .distinct()
    .orderBy("campaign_id")
    .execute();
  const now = (await chain.publicClient.getBlock()).timestamp;
  const results: CampaignTicketsResult[] = [];
  for (const { campaign_id } of campaigns) {
    const id = BigInt(campaign_id);
    const base = {
      campaign: campaign_id,
      completions: 0,
      activated: 0,
      voided: 0,
      waiting: 0,
      txs: 0,
    };
    const onChain = await chain.publicClient
      .readContract({
        address: contracts.campaigns,
        abi: campaignManagerAbi,
        functionName: "campaign",
        args: [id],
      })
      .catch(() => undefined);
    if (!onChain || BigInt(onChain.qualityEnd) < now) {
      results.push({
        ...base,
        skipped: onChain ? "quality window closed" : "no such campaign on chain",
      });
      continue;
    }
    const txs: Hex[] = [];
    const wait = completionsWait(onChain, now);
    const done = wait ? [] : await completers(db, campaign_id, epoch);
    txs.push(...(await publishCompletions(chain, contracts.campaigns, id, done)));
    const final = BigInt(onChain.qualityEnd) < now + BigInt(epochSeconds);
    const state = await flagState(db, campaign_id, epoch);
    const activate: bigint[] = [];
    const voidIds: bigint[] = [];
    let waiting = 0;
    for (const [ticketId, holder] of await mintedTickets(chain, contracts.campaigns, id)) {
      const s = state.get(holder) ?? { standing: 0, open: 0, excluded: false };
      if (s.excluded || s.standing - s.open > 0 || (final && s.standing > 0))
        voidIds.push(ticketId);
      else if (s.standing > 0) waiting++;
      else activate.push(ticketId);
    }
    txs.push(
      ...(await publishVerdicts(chain, contracts.campaigns, contracts.ticket, id, {
        activate,
        void: voidIds,
      })),
    );
    const r = {
      ...base,
      completions: done.length,
      activated: activate.length,
      voided: voidIds.length,
      waiting,
      txs: txs.length,
      ...(wait ? { completionsWait: wait } : {}),
    };
    log("tickets", { ...r });
    results.push(r);
  }
  return results;
}
