// The account-level rules: each thresholds one statistic of `AccountStats` and raises at most
// one flag per account, with the statistic in its detail so a receipt can explain it.
import { QUALITY_PARAMS } from "./params.ts";
import type { AccountStats } from "./account-stats.ts";
import type { Flag, RuleId } from "./flags.ts";
import { clamp01, round4 } from "./stats.ts";

type Rule = (s: AccountStats) => { severity: number; detail: Flag["detail"] } | null;

const P = QUALITY_PARAMS;

const RULES: readonly [RuleId, number, Rule][] = [
  [
    "typing",
    P.typing.version,
    (s) =>
      s.cpsSamples >= P.typing.minSamples && s.medianCps > P.typing.maxMedianCps
        ? {
            severity: clamp01(s.medianCps / P.typing.maxMedianCps - 0.5),
            detail: { medianCharsPerSecond: round4(s.medianCps), samples: s.cpsSamples },
          }
        : null,
  ],
  [
    "gold",
    P.gold.version,
    (s) =>
      s.goldAnswered >= P.gold.minAnswered && s.goldP < P.gold.alpha
        ? {
            severity: clamp01(1 - s.goldCorrect / s.goldAnswered),
            detail: {
              answered: s.goldAnswered,
              correct: s.goldCorrect,
              pAttentive: round4(s.goldP),
            },
          }
        : null,
  ],
  [
    "rating-agreement",
    P.ratingAgreement.version,
    (s) =>
      s.ratingCount >= P.ratingAgreement.minRatings &&
      s.ratingDeviation >= P.ratingAgreement.minDeviation &&
      s.ratingZ >= P.ratingAgreement.minZ
        ? {
            severity: clamp01(s.ratingDeviation / 2),
            detail: {
              deviation: round4(s.ratingDeviation),
              z: round4(s.ratingZ),
              ratings: s.ratingCount,
            },
          }
        : null,
  ],
  [
    "sustained-volume",
    P.sustainedVolume.version,
    (s) => {
      const p = P.sustainedVolume;
      const repeats = s.repeats >= p.minRepeats && s.repeats >= p.repeatShare * s.distinctTasks;
      if (!repeats && s.maxInWindow <= p.maxInWindow) return null;
      return {
        severity: clamp01(Math.max(s.repeats / s.submissions, 1 - p.maxInWindow / s.maxInWindow)),
        detail: {
          submissions: s.submissions,
          distinctTasks: s.distinctTasks,
          maxInWindow: s.maxInWindow,
        },
      };
    },
  ],
  [
    "min-effort",
    P.minEffort.version,
    (s) =>
      s.openSamples >= P.minEffort.minSamples && s.lowEffortShare >= P.minEffort.flagShare
        ? {
            severity: clamp01(s.lowEffortShare),
            detail: { lowEffortShare: round4(s.lowEffortShare), samples: s.openSamples },
          }
        : null,
  ],
  [
    "bot-timing",
    P.botTiming.version,
    (s) =>
      s.submissions >= P.botTiming.minSamples &&
      (s.fastShare >= P.botTiming.fastShare || s.intervalCv < P.botTiming.maxIntervalCv)
        ? {
            severity: clamp01(Math.max(s.fastShare, 1 - s.intervalCv / P.botTiming.maxIntervalCv)),
            detail: {
              fastShare: round4(s.fastShare),
              intervalCv: round4(s.intervalCv),
              samples: s.submissions,
            },
          }
        : null,
  ],
  [
    "mass-upload",
    P.massUpload.version,
    (s) =>
      s.maxInMinute > P.massUpload.maxInWindow
        ? {
            severity: clamp01(1 - P.massUpload.maxInWindow / s.maxInMinute),
            detail: { maxInWindow: s.maxInMinute, windowMs: P.massUpload.windowMs },
          }
        : null,
  ],
];

export function accountFlags(stats: readonly AccountStats[]): Flag[] {
  const flags: Flag[] = [];
  for (const [ruleId, ruleVersion, rule] of RULES)
    for (const s of stats) {
      const hit = rule(s);
      if (hit)
        flags.push({
          account: s.account,
          submissionId: null,
          ruleId,
          ruleVersion,
          severity: round4(hit.severity),
          detail: hit.detail,
        });
    }
  return flags;
}
