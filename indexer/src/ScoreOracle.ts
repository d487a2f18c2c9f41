// Score commitments per kind and epoch, their public summaries (flags per quality rule for
// TQS), rejections and finality.
import { ponder } from "ponder:registry";
import { contractSetting, epochSummary, scoreEpoch } from "ponder:schema";
import { and, isNull, sql } from "ponder";
import { asciiId } from "../lib/codes.ts";
import { recordSetting } from "../lib/record.ts";

ponder.on("ScoreOracle:EpochPublished", async ({ event, context }) => {
  const t = Number(event.block.timestamp);
  const { kind, epoch, root, datasetHash, datasetURI, leafCount, summaryKeys, summaryValues } =
    event.args;
  const window = await context.db.find(contractSetting, {
    contract: "ScoreOracle",
    name: "challengeWindow",
  });
  await context.db.insert(scoreEpoch).values({
    kind,
    epoch,
    root,
    datasetHash,
    datasetUri: datasetURI,
    leafCount,
    publishedAt: t,
    publishedBlock: event.block.number,
    transactionHash: event.transaction.hash,
    finalAt: t + Number(window?.value ?? 0),
  });
  if (summaryKeys.length > 0)
    await context.db.insert(epochSummary).values(
      summaryKeys.map((key, i) => ({
        kind,
        epoch,
        key,
        ruleId: asciiId(key) ?? key,
        value: summaryValues[i]!,
      })),
    );
});

ponder.on("ScoreOracle:EpochRejected", async ({ event, context }) => {
  const { kind, epoch, guardian, reason } = event.args;
  await context.db.update(scoreEpoch, { kind, epoch }).set({
    rejectedAt: Number(event.block.timestamp),
    rejectedBy: guardian,
    rejectReason: reason,
  });
});

ponder.on("ScoreOracle:EpochFinalized", async ({ event, context }) => {
  const { kind, epoch } = event.args;
  await context.db
    .update(scoreEpoch, { kind, epoch })
    .set({ finalizedAt: Number(event.block.timestamp) });
});

ponder.on("ScoreOracle:ThresholdSet", async ({ event, context }) => {
  await recordSetting(context, event, "ScoreOracle", "threshold", String(event.args.threshold));
});

ponder.on("ScoreOracle:ChallengeWindowSet", async ({ event, context }) => {
  const window = event.args.window;
  await recordSetting(context, event, "ScoreOracle", "challengeWindow", String(window));
  // ScoreOracle.isFinal reads the window in force, so it moves the end of every epoch that
  // is neither rejected nor finalized yet.
  await context.db.sql
    .update(scoreEpoch)
    .set({ finalAt: sql`${scoreEpoch.publishedAt} + ${window}` })
    .where(and(isNull(scoreEpoch.finalizedAt), isNull(scoreEpoch.rejectedAt)));
});

ponder.on("ScoreOracle:EIP712DomainChanged", async ({ event, context }) => {
  await recordSetting(context, event, "ScoreOracle", "eip712Domain", event.block.number.toString());
});
