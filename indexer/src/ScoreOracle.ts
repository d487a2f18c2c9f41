// Score commitments per kind and epoch, their public summaries (flags per quality rule for
// TQS), rejections and finality (each epoch's final time is fixed when it is published).
import { ponder } from "ponder:registry";
import { epochSummary, scoreEpoch } from "ponder:schema";
import { asciiId } from "../lib/codes.ts";
import { recordSetting } from "../lib/record.ts";

ponder.on("ScoreOracle:EpochPublished", async ({ event, context }) => {
  const t = Number(event.block.timestamp);
  const a = event.args;
  const { kind, epoch, root, datasetHash, datasetURI, leafCount, summaryKeys, summaryValues } = a;
  await context.db.insert(scoreEpoch).values({
    kind,
    epoch,
    root,
    datasetHash,
    datasetUri: datasetURI,
    leafCount,
    totalScore: a.totalScore,
    publishedAt: t,
    publishedBlock: event.block.number,
    transactionHash: event.transaction.hash,
    finalAt: a.finalAt,
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
  // Applies to epochs published afterwards: each epoch's finalAt is fixed at publication.
  await recordSetting(context, event, "ScoreOracle", "challengeWindow", String(event.args.window));
});

ponder.on("ScoreOracle:EIP712DomainChanged", async ({ event, context }) => {
  await recordSetting(context, event, "ScoreOracle", "eip712Domain", event.block.number.toString());
});
