// A deterministic simulator of one epoch of Train2Earn work: honest users, and a known share
// of bots (fast, metronome-regular), copy-pasters (near-copies of earlier answers) and mass
// uploaders (bursts). The labels it returns are the ground truth the quality tests score.
import type { RawSubmission } from "../quality/features.ts";

export type Behaviour = "honest" | "bot" | "copy-paster" | "mass-uploader";

export interface SimOptions {
  seed: number;
  users: number;
  /** Shares of each bad behaviour (the rest are honest). */
  bots: number;
  copyPasters: number;
  massUploaders: number;
  /** Epoch start, ms since 1970. */
  start: number;
}

export interface Simulation {
  submissions: RawSubmission[];
  labels: Map<string, Behaviour>;
}

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  "calm bright warm cold blue red green golden quiet loud soft sharp gentle bold dark light " +
  "sunset river forest city street portrait smile window garden mountain ocean sky cloud rain " +
  "feels looks seems reminds shows makes brings evokes suggests captures hides reveals " +
  "happy sad nostalgic hopeful lonely peaceful tense playful dreamy serious curious tired " +
  "because while although since when where the a an this that its their my our of in on with " +
  "colour light shadow texture line shape mood story memory moment detail motion balance contrast"
).split(" ");

export function simulate(o: SimOptions): Simulation {
  const rand = prng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentence = () =>
    Array.from({ length: 12 + Math.floor(rand() * 10) }, () => pick(VOCABULARY)).join(" ");
  const labels = new Map<string, Behaviour>();
  const submissions: RawSubmission[] = [];
  const nBad = (share: number) => Math.round(o.users * share);
  const plan: Behaviour[] = [
    ...Array<Behaviour>(nBad(o.bots)).fill("bot"),
    ...Array<Behaviour>(nBad(o.copyPasters)).fill("copy-paster"),
    ...Array<Behaviour>(nBad(o.massUploaders)).fill("mass-uploader"),
  ];
  while (plan.length < o.users) plan.push("honest");
  // Shuffle deterministically so behaviours are spread over addresses.
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  let n = 0;
  const add = (account: string, answer: string, startedAt: number, tookMs: number) =>
    submissions.push({
      id: `sim-${o.seed}-${n++}`,
      account,
      campaignId: "1",
      taskId: "sim-task",
      taskType: "prompt_answer",
      answer,
      startedAt: new Date(startedAt),
      submittedAt: new Date(startedAt + tookMs),
    });

  // Honest users first, over the first half of the epoch, so copies can come later.
  const honestAnswers: string[] = [];
  const hour = 3_600_000;
  plan.forEach((b, u) => {
    const account = `0x${(u + 1).toString(16).padStart(40, "0")}`;
    labels.set(account, b);
    if (b !== "honest") return;
    let t = o.start + rand() * hour;
    for (let k = 0, m = 4 + Math.floor(rand() * 8); k < m; k++) {
      const answer = sentence();
      honestAnswers.push(answer);
      add(account, answer, t, 8_000 + rand() * 110_000);
      t += 60_000 + rand() * 40 * 60_000; // irregular gaps of 1–41 minutes
    }
  });
  plan.forEach((b, u) => {
    const account = `0x${(u + 1).toString(16).padStart(40, "0")}`;
    const later = o.start + 12 * hour + rand() * hour;
    if (b === "bot") {
      for (let k = 0; k < 12; k++) add(account, sentence(), later + k * 30_000, 900 + rand() * 200);
    } else if (b === "copy-paster") {
      for (let k = 0; k < 6; k++) {
        const words = pick(honestAnswers).split(" ");
        words[Math.floor(rand() * words.length)] = pick(VOCABULARY); // a one-word edit
        add(
          account,
          words.join(" "),
          later + k * (5 + rand() * 30) * 60_000,
          20_000 + rand() * 60_000,
        );
      }
    } else if (b === "mass-uploader") {
      let t = later;
      for (let k = 0; k < 40; k++) {
        add(account, sentence(), t, 4_000 + rand() * 30_000);
        t += 200 + rand() * 1_800;
      }
    }
  });
  return { submissions, labels };
}
