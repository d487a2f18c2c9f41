// The quality rules: on a realistic simulated day (every abuse kind, honest variety) they meet
// the targets; each signal catches its abuse and leaves its look-alike honest case
// alone; they are deterministic and store each flag once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { keccak256, toHex } from "viem";
import { detectQuality, type Flag, type RuleId } from "../src/quality/rules.ts";
import type { RawSubmission } from "../src/quality/features.ts";
import { goldCommitment, goldSetsOf } from "../src/quality/gold.ts";
import { runQualityFilters } from "../src/quality/run.ts";
import { wordnetLexicon } from "../src/quality/text/wordnet.ts";
import { QUALITY_PARAMS } from "../src/quality/params.ts";
import { abuseShare, generateDay, submissionOf, type Day } from "../sim/day.ts";
import { campaignsOf, simulate } from "../sim/simulate.ts";
import { scorecard, simulatedFeatures } from "../sim/score.ts";
import { openDatabase } from "../src/db/database.ts";
import { hashed, storeSubmissions } from "../src/ingest/store.ts";
import { registerCampaignTasks, revealCampaignGold } from "../src/ingest/campaigns.ts";

const lexicon = wordnetLexicon();
const KEY = new Uint8Array(32).fill(7);
const START = Date.UTC(2026, 10, 24);

/** A crowd of 120 honest people on 2 campaigns, with the accounts a test adds. */
function crowd(seed: number, extra: (day: Day) => RawSubmission[] = () => []) {
  const day = generateDay({ seed, honest: 120, start: START, campaigns: 2, tasksPerCampaign: 20 });
  const added = extra(day);
  const campaigns = campaignsOf(day, seed);
  const { features, gold } = simulatedFeatures(
    { submissions: [...day.submissions, ...added] },
    campaigns,
    lexicon,
    KEY,
  );
  return { day, ...detectQuality(features, { gold: goldSetsOf(gold) }) };
}

const ACCOUNT = (n: number) => `0x${(0xabc000 + n).toString(16).padStart(40, "0")}`;
let nextId = 0;
const sub = (
  account: string,
  t: Parameters<typeof submissionOf>[2],
  at: number,
  tookMs: number,
  a: Parameters<typeof submissionOf>[5],
): RawSubmission => submissionOf(`t-${nextId++}`, account, t, at, tookMs, a);
const HOUR = 3_600_000;
const rulesOf = (flags: readonly Flag[], account: string) =>
  new Set(flags.filter((f) => f.account === account).map((f) => f.ruleId));
const flaggedBy = (flags: readonly Flag[], account: string, rule: RuleId) =>
  rulesOf(flags, account).has(rule);

test("a realistic day, 400 honest users and every abuse kind: recall ≥ 0.8 per kind, precision ≥ 0.9, ≤ 2% honest users flagged", () => {
  const seed = 42;
  const day = generateDay({ seed, honest: 400, abuse: abuseShare(400, 0.025, 6), start: START });
  const { features, gold } = simulatedFeatures(day, campaignsOf(day, seed), lexicon, KEY);
  const card = scorecard(day.labels, detectQuality(features, { gold: goldSetsOf(gold) }).flags);
  for (const [kind, r] of Object.entries(card.recall)) {
    console.log(`  ${kind.padEnd(18)} recall ${r.share.toFixed(3)} (${r.flagged}/${r.of})`);
    assert.ok(r.share >= 0.8, `${kind}: recall ${r.share}`);
  }
  console.log(
    `  precision ${card.precision.toFixed(3)}, honest ${card.honestFlagged}/${card.honest}`,
  );
  assert.ok(card.precision >= 0.9, `precision ${card.precision}`);
  assert.ok(card.honestRate <= 0.02, `honest users flagged: ${card.honestFlagged}`);
});

test("near-duplicate: rewording others' answers is caught and names the originals; common short answers are not copies", () => {
  const copier = ACCOUNT(1);
  const stock = ACCOUNT(2);
  const { day, flags } = crowd(3, (d) => {
    const open = d.submissions.filter(
      (s) => s.taskType === "prompt_answer" && (s.answer?.split(" ").length ?? 0) >= 16,
    );
    const picked = [...new Map(open.map((s) => [s.taskId, s])).values()].slice(0, 6);
    const swap: Record<string, string> = { calm: "serene", looks: "seems", picture: "image" };
    return [
      // A copier rewords six strangers' answers (synonyms, another order).
      ...picked.map((s, i) =>
        sub(copier, { ...s, kind: s.taskType }, START + 20 * HOUR + i * 600_000, 90_000, {
          answer: s
            .answer!.split(" ")
            .map((w) => swap[w] ?? w)
            .reverse()
            .join(" "),
        }),
      ),
      // Someone answering the picture tasks with the phrases everybody uses.
      ...d.tasks
        .filter((t) => t.kind === "picture_rating")
        .map((t, i) =>
          sub(stock, t, START + 12 * HOUR + i * 60_000, 12_000, {
            answer: "i like the blue one because it is calm",
            rating: 4,
          }),
        ),
    ];
  });
  const copies = flags.filter((f) => f.account === copier && f.ruleId === "near-duplicate");
  assert.ok(copies.length >= 5, `copies flagged: ${copies.length}`);
  for (const f of copies)
    assert.equal(day.labels.get(String(f.detail.originalAccount)), "honest", "names the author");
  assert.ok(!flaggedBy(flags, stock, "near-duplicate"));
  assert.equal(
    flags.filter((f) => f.ruleId === "near-duplicate" && day.labels.get(f.account) === "honest")
      .length,
    0,
    "no honest answer is a copy",
  );
});

test("typing: 40 words in 4 s, again and again, is flagged; the same answers typed in a minute are not", () => {
  const fast = ACCOUNT(3);
  const slow = ACCOUNT(4);
  const text =
    "the colours of the harbour at dusk remind me of the evenings my grandfather spent mending " +
    "nets on the pier while the boats came home one after another under a soft orange sky";
  const { flags } = crowd(5, (d) => {
    const prompts = d.tasks.filter((t) => t.kind === "prompt_answer").slice(0, 6);
    return prompts.flatMap((t, i) => [
      sub(fast, t, START + 9 * HOUR + i * 400_000, 4_000, { answer: `${text} ${i}` }),
      sub(slow, t, START + 9 * HOUR + i * 400_000, 60_000, { answer: `${text} ${i}` }),
    ]);
  });
  assert.ok(flaggedBy(flags, fast, "typing"));
  assert.ok(!flaggedBy(flags, slow, "typing"));
  const detail = flags.find((f) => f.account === fast && f.ruleId === "typing")!.detail;
  assert.ok(Number(detail.medianCharsPerSecond) > QUALITY_PARAMS.typing.maxMedianCps);
});

test("gold: missing most known-answer tasks is flagged; a slip or two is not; too few answered says nothing", () => {
  const careless = ACCOUNT(5);
  const careful = ACCOUNT(6);
  const few = ACCOUNT(7);
  const { flags } = crowd(9, (d) => {
    const gold = d.tasks.filter((t) => t.gold);
    const wrong = (t: (typeof gold)[number]) =>
      t.kind === "poll_response"
        ? { choice: t.options.find((o) => !t.gold!.includes(o))! }
        : { rating: t.gold!.includes("1") ? 5 : 1 };
    const right = (t: (typeof gold)[number]) =>
      t.kind === "poll_response" ? { choice: t.gold![0]! } : { rating: Number(t.gold![0]) };
    return gold.flatMap((t, i) => [
      sub(careless, t, START + 10 * HOUR + i * 90_000, 9_000, wrong(t)),
      sub(careful, t, START + 10 * HOUR + i * 90_000, 9_000, i === 0 ? wrong(t) : right(t)),
      ...(i < 2 ? [sub(few, t, START + 10 * HOUR + i * 90_000, 9_000, wrong(t))] : []),
    ]);
  });
  assert.ok(flaggedBy(flags, careless, "gold"));
  assert.ok(!flaggedBy(flags, careful, "gold"));
  assert.ok(!flaggedBy(flags, few, "gold"));
});

test("rating agreement: random clicking is flagged; a consistently harsher rater who follows the pictures is not", () => {
  const clicker = ACCOUNT(8);
  const harsh = ACCOUNT(9);
  let state = 1;
  const rnd = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const { flags } = crowd(13, (d) =>
    d.tasks
      .filter((t) => (t.kind === "picture_rating" || t.kind === "mood_rating") && !t.gold)
      .flatMap((t, i) => [
        sub(clicker, t, START + 11 * HOUR + i * 60_000, 6_000, {
          rating: 1 + Math.floor(rnd() * 5),
        }),
        sub(harsh, t, START + 11 * HOUR + i * 60_000, 6_000, {
          rating: Math.max(1, Math.round(t.quality) - 2),
        }),
      ]),
  );
  assert.ok(flaggedBy(flags, clicker, "rating-agreement"));
  assert.ok(!flaggedBy(flags, harsh, "rating-agreement"));
});

test("ring: accounts rewording one leader's answers in lockstep are flagged, leader included; friends answering side by side are not", () => {
  const ring = [10, 11, 12, 13].map(ACCOUNT);
  const friends = [14, 15, 16].map(ACCOUNT);
  const { day, flags } = crowd(17, (d) => {
    const prompts = d.tasks.filter((t) => t.kind === "prompt_answer").slice(0, 8);
    const leaderText = (i: number) =>
      `my favourite part is the quiet harbour ${i} where old fishing boats rest beside the lighthouse and gulls circle over the nets at dawn`;
    const own = (k: number, i: number) =>
      [
        "the mountain glows under fresh snow and hikers climb towards a distant summit",
        "a busy market full of spices baskets lanterns and loud voices bargaining over prices",
        "dark forest trail with moss and ferns where fog hides the tall pines in silence",
      ][k]! + ` ${i}`;
    return prompts.flatMap((t, i) => [
      ...ring.map((a, k) =>
        sub(a, t, START + 14 * HOUR + i * 300_000 + k * 40_000, 50_000, {
          answer: k
            ? leaderText(i).replace("quiet", "silent").replace("old", "ancient")
            : leaderText(i),
        }),
      ),
      ...friends.map((a, k) =>
        sub(a, t, START + 15 * HOUR + i * 300_000 + k * 20_000, 50_000, { answer: own(k, i) }),
      ),
    ]);
  });
  for (const a of ring) assert.ok(flaggedBy(flags, a, "ring"), `${a} in the ring`);
  for (const a of friends) assert.ok(!flaggedBy(flags, a, "ring"), `${a} is a friend`);
  assert.equal(
    flags.filter((f) => f.ruleId === "ring" && day.labels.get(f.account) === "honest").length,
    0,
  );
});

test("sustained volume: 15 a minute for three hours is flagged though no minute passes 20; a power user with breaks is not", () => {
  const uploader = ACCOUNT(17);
  const power = ACCOUNT(18);
  const { flags } = crowd(19, (d) => {
    const closed = d.tasks.filter((t) => t.kind === "mood_rating" && !t.gold);
    const out: RawSubmission[] = [];
    for (let k = 0; k < 15 * 180; k++)
      out.push(
        sub(uploader, closed[k % closed.length]!, START + 8 * HOUR + k * 4_000, 2_500, {
          rating: 3,
        }),
      );
    d.tasks.forEach((t, i) =>
      out.push(
        sub(power, t, START + 8 * HOUR + Math.floor(i / 10) * HOUR + (i % 10) * 50_000, 30_000, {
          rating: t.kind.endsWith("rating") ? Math.round(t.quality) : null,
          choice: t.kind === "poll_response" ? t.options[0]! : null,
          answer:
            t.kind === "prompt_answer"
              ? `a long and thoughtful answer number ${i} about the scene`
              : null,
        }),
      ),
    );
    return out;
  });
  assert.ok(flaggedBy(flags, uploader, "sustained-volume"));
  assert.ok(!flaggedBy(flags, uploader, "mass-upload"), "never over 20 in a minute");
  assert.ok(!flaggedBy(flags, power, "sustained-volume"));
});

test("minimum effort: two-word answers to prompts the crowd answers at length are flagged; a terse but real answer is not", () => {
  const lazy = ACCOUNT(19);
  const terse = ACCOUNT(20);
  const { flags } = crowd(23, (d) =>
    d.tasks
      .filter((t) => t.kind === "prompt_answer")
      .slice(0, 6)
      .flatMap((t, i) => [
        sub(lazy, t, START + 16 * HOUR + i * 120_000, 8_000, { answer: "very nice" }),
        sub(terse, t, START + 16 * HOUR + i * 120_000, 30_000, {
          answer: `calm lake, pale morning light, a lonely boat ${i}`,
        }),
      ]),
  );
  assert.ok(flaggedBy(flags, lazy, "min-effort"));
  assert.ok(!flaggedBy(flags, terse, "min-effort"));
});

test("anomaly: several moderate signals add up to a flag that no single one reaches; the crowd scores low", () => {
  const sloppy = ACCOUNT(21);
  let state = 7;
  const rnd = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const { anomaly, flags } = crowd(29, (d) =>
    d.tasks.flatMap((t, i) => {
      const at = START + 13 * HOUR + i * 40_000;
      if (t.kind === "prompt_answer")
        return [
          sub(sloppy, t, at, 4_000, {
            answer: i % 2 ? "nice" : `the ${t.taskId} scene is quite nice and calm`,
          }),
        ];
      if (t.kind === "poll_response") return [sub(sloppy, t, at, 2_500, { choice: t.options[0]! })];
      if (t.kind === "questionnaire") return [];
      return [
        sub(sloppy, t, at, 2_500, {
          rating: rnd() < 0.6 ? 1 + Math.floor(rnd() * 5) : Math.round(t.quality),
        }),
      ];
    }),
  );
  const mine = anomaly.find((a) => a.account === sloppy)!;
  assert.ok(Object.keys(mine.features).length >= 2, JSON.stringify(mine));
  for (const z of Object.values(mine.features)) assert.ok(z <= QUALITY_PARAMS.anomaly.zCap);
  assert.ok(mine.score >= QUALITY_PARAMS.anomaly.threshold, JSON.stringify(mine));
  assert.ok(flaggedBy(flags, sloppy, "anomaly"));
  const scores = anomaly.map((a) => a.score).sort((a, b) => a - b);
  assert.ok(scores[Math.floor(scores.length / 2)]! < 2, "the median account is unremarkable");
});

test("bot timing and mass upload (unchanged): sub-3 s metronome work and 40 in a minute are flagged; a human pace is not", () => {
  const bot = ACCOUNT(22);
  const burst = ACCOUNT(23);
  const { flags } = crowd(31, (d) => {
    const tasks = d.tasks.filter((t) => t.kind === "picture_rating");
    return [
      ...tasks.map((t, i) => sub(bot, t, START + 5 * HOUR + i * 30_000, 1_000, { rating: 3 })),
      ...Array.from({ length: 40 }, (_, i) =>
        sub(burst, tasks[i % tasks.length]!, START + 6 * HOUR + i * 1_200, 1_000, { rating: 3 }),
      ),
    ];
  });
  assert.ok(flaggedBy(flags, bot, "bot-timing"));
  assert.ok(flaggedBy(flags, burst, "mass-upload"));
});

test("the rules are deterministic: the same submissions in any order give the same flags and scores", () => {
  const sim = simulate({ seed: 42, users: 150, abuse: 0.15, start: START });
  const run = (subs: RawSubmission[]) => {
    const { features, gold } = simulatedFeatures(
      { submissions: subs },
      sim.campaigns,
      lexicon,
      KEY,
    );
    return detectQuality(features, { gold: goldSetsOf(gold) });
  };
  assert.deepEqual(run([...sim.submissions].reverse()), run(sim.submissions));
});

test("running the filters on an epoch stores each flag once; a gold reveal must match its commitment", async () => {
  const database = await openDatabase();
  try {
    const sim = simulate({ seed: 43, users: 60, abuse: 0.15, start: START });
    for (const c of sim.campaigns)
      await registerCampaignTasks(
        database.db,
        "sim",
        { campaignId: c.campaignId, tasks: c.tasks, goldCommitment: c.goldCommitment },
        1n,
      );
    const subs = sim.submissions.map((s) => ({
      ...s,
      campaignId: BigInt(s.campaignId),
      answer: s.answer ?? undefined,
      rating: s.rating ?? undefined,
      choice: s.choice ?? undefined,
    }));
    await storeSubmissions(
      database.db,
      "sim",
      1n,
      subs.map((s) => hashed(s)),
    );
    const c = sim.campaigns[0]!;
    // A reveal that does not match the commitment, or names a task the campaign lacks, is refused.
    const other = { ...c.gold, salt: keccak256(toHex("another salt")) };
    assert.equal((await revealCampaignGold(database.db, other, 1n)).status, "refused");
    const stranger = { ...c.gold, answers: { ...c.gold.answers, "no-such-task": ["a"] } };
    assert.notEqual(goldCommitment(stranger), c.goldCommitment);
    for (const g of sim.campaigns)
      assert.equal((await revealCampaignGold(database.db, g.gold, 1n)).status, "revealed");
    assert.equal((await revealCampaignGold(database.db, c.gold, 1n)).status, "unchanged");

    const first = await runQualityFilters(database, 1n, KEY, lexicon);
    const second = await runQualityFilters(database, 1n, KEY, lexicon);
    assert.deepEqual(second, first);
    assert.equal(first.features.length, sim.submissions.length);
    assert.equal(first.gold.length, sim.campaigns.length);
    assert.ok(
      first.features.some((f) => f.goldAnswer !== null),
      "gold answers are published",
    );
    assert.ok((first.byRule["gold@1"] ?? 0) > 0, JSON.stringify(first.byRule));
    const stored = await database.db
      .selectFrom("flags")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), first.flags);
  } finally {
    await database.close();
  }
});
