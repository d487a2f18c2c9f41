// A ticket's part in its campaign's prize draw: enter (with the fan's TQS proof) between the
// quality deadline and the draw, start the draw once it is due (anyone may), then claim a won
// prize or leave with the participation reward. A $MESI pack pays out (the rest vests); any
// other prize (promo credit, item, promo slot) is redeemed: the chain records it for Mesi to
// deliver, and the page shows that record. A draw whose random seed never came is closed
// without winners once its grace period is over, or at once when its seed failed (a missed
// reveal nobody settled in time: no seed, ever); anyone may, and every ticket can leave it.
import { useAccount, useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { contract } from "../chain/contracts.ts";
import { tqsProof } from "../data/oracle.ts";
import type { Campaign, DrawEntry, Ticket } from "../data/queries.ts";
import { useTx } from "../wallet/useTx.ts";
import { TxStatus } from "../ui/TxStatus.tsx";
import { fmtAmount } from "../market/format.ts";

const when = (s: number) => new Date(s * 1000).toLocaleString();
/** PrizeDraw.SEED_GRACE: how long after the draw time a missing seed may still come. */
const SEED_GRACE = 14 * 86_400;

/** A won tier's prize in words, from its reward tier (kind, amount, reference). */
function prizeText(e: Pick<DrawEntry, "prize_kind" | "prize_amount" | "prize_ref">): string {
  const amount = e.prize_amount ?? 0n;
  const ref = e.prize_ref ? ` (reference ${e.prize_ref.slice(0, 10)}…)` : "";
  switch (e.prize_kind) {
    case 0:
      return `a pack of ${fmtAmount(amount, "MESI")}`;
    case 1:
      return `a promo credit of ${amount}${ref}`;
    case 2:
      return `${amount === 1n ? "an item" : `${amount} items`}${ref}`;
    case 3:
      return `${amount === 1n ? "a promo slot" : `${amount} promo slots`}${ref}`;
    default:
      return "a prize";
  }
}

export function DrawActions({
  ticket,
  campaign,
  entry,
  now,
}: {
  ticket: Ticket;
  campaign: Campaign;
  entry: DrawEntry | undefined;
  now: number;
}) {
  const { address } = useAccount();
  const config = useConfig();
  const tx = useTx();
  const draw = contract("PrizeDraw");
  const oracle = contract("ScoreOracle");

  const enter = () =>
    tx.run(`Enter ticket #${ticket.id} in the draw`, async () => {
      const epoch = await readContract(config, {
        ...oracle,
        functionName: "latestFinalEpoch",
        args: [0],
      });
      const proof = epoch ? await tqsProof(epoch, address!) : undefined;
      if (!proof) throw new Error("You have no final Training Quality Score to enter with yet.");
      return {
        ...draw,
        functionName: "enter" as const,
        args: [ticket.id, BigInt(proof.score), proof.proof] as const,
      };
    });

  let body;
  if (!entry) {
    if (now < campaign.quality_end)
      body = <p>The draw opens for entries on {when(campaign.quality_end)}.</p>;
    else if (now >= campaign.draw_at)
      body = <p>Entries to this draw closed on {when(campaign.draw_at)}.</p>;
    else
      body = (
        <button type="button" disabled={tx.busy} onClick={() => void enter()}>
          Enter the prize draw (until {when(campaign.draw_at)})
        </button>
      );
  } else if (!entry.resolved_at) {
    body =
      now < campaign.draw_at ? (
        <p data-testid="draw-waiting">Entered: the draw takes place on {when(campaign.draw_at)}.</p>
      ) : (
        <div className="form-row">
          <button
            type="button"
            disabled={tx.busy}
            onClick={() =>
              void tx.run("Draw the winners", {
                ...draw,
                functionName: "draw",
                args: [campaign.id, 50n],
              })
            }
          >
            Draw the winners now (the draw is due)
          </button>
          {!!entry.seed_failed_at && (
            <p data-testid="draw-seed-failed">
              This draw&apos;s random seed failed on {when(entry.seed_failed_at)}: nobody settled
              its missed reveal in time, so no seed will ever come and the draw can be closed now.
            </p>
          )}
          {(now >= campaign.draw_at + SEED_GRACE || !!entry.seed_failed_at) && (
            <button
              type="button"
              className="secondary"
              disabled={tx.busy}
              onClick={() =>
                void tx.run("Close the draw without winners", {
                  ...draw,
                  functionName: "abandon",
                  args: [campaign.id],
                })
              }
            >
              Close the draw without winners (
              {entry.seed_failed_at ? "its random seed failed" : "no random seed came"})
            </button>
          )}
        </div>
      );
  } else {
    const won = entry.tier !== null && entry.tier !== undefined;
    const pack = entry.prize_kind === 0;
    body = (
      <div data-testid="draw-result">
        <p>
          {entry.abandoned_at
            ? entry.seed_failed_at
              ? `This draw's random seed failed (nobody settled its missed reveal in time), so the draw was closed without winners on ${when(entry.abandoned_at)}.`
              : `No random seed came in time, so this draw was closed without winners on ${when(entry.abandoned_at)}.`
            : won
              ? `You won a prize of tier ${entry.tier! + 1}: ${prizeText(entry)}!`
              : "This ticket did not win a prize."}
        </p>
        <div className="form-row">
          {won && !entry.prize_claimed && (
            <button
              type="button"
              disabled={tx.busy}
              onClick={() =>
                void tx.run(pack ? "Claim the prize" : "Redeem the prize", {
                  ...draw,
                  functionName: "claimPrize",
                  args: [ticket.id],
                })
              }
            >
              {pack ? "Claim your prize" : "Redeem your prize"}
            </button>
          )}
          {won && entry.prize_claimed && pack && (
            <p>Prize claimed. The pack pays out now; any rest vests (see Creators → vesting).</p>
          )}
          {won && entry.prize_claimed && !pack && (
            <p data-testid="redemption">
              Redemption recorded on chain
              {entry.redeemed_at ? ` on ${when(entry.redeemed_at)}` : ""}: Mesi delivers{" "}
              {prizeText(entry)} to this account.
            </p>
          )}
          {entry.exited && (
            <p data-testid="exit-result">
              You left the draw; the ticket is unlocked.{" "}
              {entry.participation_reward
                ? `Participation reward paid: ${fmtAmount(entry.participation_reward, "MESI")}.`
                : ""}
              {entry.participation_shortfall
                ? ` ${fmtAmount(entry.participation_shortfall, "MESI")} of it could not be paid: the draw's budget (beyond the prizes it keeps for the winners) ran short.`
                : ""}
            </p>
          )}
          {!entry.exited && (
            <button
              type="button"
              className="secondary"
              disabled={tx.busy}
              onClick={() =>
                void tx.run("Leave the draw", { ...draw, functionName: "exit", args: [ticket.id] })
              }
            >
              Leave the draw and unlock the ticket
            </button>
          )}
        </div>
      </div>
    );
  }
  return (
    <div>
      <h4 style={{ margin: "0.5rem 0 0.25rem" }}>Prize draw</h4>
      {body}
      <TxStatus state={tx.state} />
    </div>
  );
}
