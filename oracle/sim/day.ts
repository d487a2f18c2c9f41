// A realistic day of Train2Earn work, for the quality benchmark and the tests: campaigns of
// open prompts, questionnaires, picture and mood ratings and polls (a few of them gold tasks);
// honest fans with their own typing speeds, verbosity, sessions and breaks, common short
// answers to closed tasks, friends who answer side by side, power users, contrarian raters and
// the odd pasted answer; and abuse of several kinds, most of it written to dodge the previous
// rules' thresholds (answers over 3 s, irregular gaps, under 20 per minute, reworded copies).
// Deterministic per seed. The labels are the ground truth the benchmark scores.
import type { RawSubmission, TaskType } from "../src/quality/features.ts";
import { random, type Random } from "./random.ts";
import {
  ADJECTIVES,
  ADVERBS,
  FEELINGS,
  GENERIC_NOUNS,
  OPENERS,
  FILLER,
  LOW_EFFORT,
  STOCK,
  TEMPLATES,
  THESAURUS,
  TOPICS,
  VERBS,
} from "./language.ts";

export const ABUSE_KINDS = [
  "paraphraser", // rewords earlier answers of others (20–40% of words swapped)
  "fast-bot", // fluent generated answers at human-looking totals and gaps, typed impossibly fast
  "sustained-uploader", // 8–19 a minute for hours: always under the per-minute limit
  "min-effort", // 2–5 word answers to prompts that ask for a description
  "random-clicker", // ratings, polls and gold tasks answered at random
  "ring", // 3–6 accounts of one operator: shared answers reworded, tasks done in lockstep
  "mixed", // a bit of everything, each below its own rule's threshold
  "classic-bot", // the previous version's bot: sub-3 s answers, metronome gaps
  "burst-uploader", // the previous version's mass upload: dozens within a minute
] as const;
export type AbuseKind = (typeof ABUSE_KINDS)[number];
export type Label = "honest" | AbuseKind;

export interface TaskPlan {
  campaignId: string;
  taskId: string;
  kind: TaskType;
  topic: number;
  /** Latent rating 1..5 of a picture or mood task (the crowd's consensus). */
  quality: number;
  /** Poll options and their popularity. */
  options: readonly string[];
  popularity: readonly number[];
  /** A gold task's accepted answers (closed answers as strings). */
  gold: readonly string[] | null;
}

export interface DayOptions {
  seed: number;
  /** Honest accounts. */
  honest: number;
  /** Accounts per abuse kind (ring members count one by one). */
  abuse?: Partial<Record<AbuseKind, number>>;
  /** Day start, ms since 1970. */
  start: number;
  campaigns?: number;
  tasksPerCampaign?: number;
  /** Account ids are `0x` + 40 hex digits from this offset (distinct days share none). */
  accountOffset?: number;
  /** Campaign ids start here (default 1): distinct days can run distinct campaigns. */
  firstCampaign?: number;
}

export interface Day {
  submissions: RawSubmission[];
  labels: Map<string, Label>;
  tasks: TaskPlan[];
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const KIND_MIX: readonly [TaskType, number][] = [
  ["prompt_answer", 0.34],
  ["questionnaire", 0.16],
  ["picture_rating", 0.2],
  ["mood_rating", 0.14],
  ["poll_response", 0.16],
];

function planTasks(r: Random, first: number, campaigns: number, perCampaign: number): TaskPlan[] {
  const tasks: TaskPlan[] = [];
  for (let c = first; c < first + campaigns; c++) {
    const goldAt = new Set(r.shuffle([...Array(perCampaign).keys()]).slice(0, 3));
    for (let t = 0; t < perCampaign; t++) {
      let u = r();
      let kind: TaskType = "prompt_answer";
      for (const [k, w] of KIND_MIX) if ((u -= w) <= 0) ((kind = k), (u = 2));
      const gold = goldAt.has(t);
      if (gold) kind = r.chance(0.5) ? "poll_response" : "picture_rating";
      const options = ["a", "b", "c", "d"].slice(0, r.int(2, 4));
      const quality = r.between(1.3, 4.7);
      tasks.push({
        campaignId: String(c),
        taskId: `c${c}-t${String(t + 1).padStart(2, "0")}`,
        kind,
        topic: r.int(0, TOPICS.length - 1),
        quality,
        options,
        popularity: options.map(() => r.between(0.2, 1)),
        gold: !gold
          ? null
          : kind === "poll_response"
            ? [r.pick(options)] // an attention check: "pick c"
            : quality < 3
              ? ["1", "2"] // an obviously broken picture
              : ["4", "5"], // an obviously fine one
      });
    }
  }
  return tasks;
}

/** One answer to task `t`, shown at `at` (ms) and sent `tookMs` later (at least 0.2 s). */
export function submissionOf(
  id: string,
  account: string,
  t: Pick<TaskPlan, "campaignId" | "taskId" | "kind">,
  at: number,
  tookMs: number,
  a: { answer?: string | null; rating?: number | null; choice?: string | null },
): RawSubmission {
  const started = Math.round(at);
  return {
    id,
    account,
    campaignId: t.campaignId,
    taskId: t.taskId,
    taskType: t.kind,
    answer: a.answer ?? null,
    rating: a.rating ?? null,
    choice: a.choice ?? null,
    startedAt: new Date(started),
    submittedAt: new Date(started + Math.max(200, Math.round(tookMs))),
  };
}

/** A person's writing and working habits. */
interface Persona {
  cps: number; // typing speed, characters per second
  verbosity: number;
  readMs: number;
  bias: number; // rating bias
  noise: number; // rating noise
  goldAccuracy: number;
  pasteShare: number;
  commentShare: number;
  /** Sentence frames this person falls back on. */
  style: readonly string[];
}

function persona(r: Random): Persona {
  return {
    cps: Math.min(9, Math.max(1.2, r.lognormal(3.6, 0.35))),
    verbosity: Math.min(2.2, Math.max(0.35, r.lognormal(1, 0.45))),
    readMs: r.lognormal(6 * SECOND, 0.4),
    bias: r.chance(0.06) ? r.pick([-1.4, 1.4]) : r.normal(0, 0.45),
    noise: r.between(0.45, 1.0),
    goldAccuracy: r.between(0.8, 0.99),
    pasteShare: r.chance(0.1) ? r.between(0.05, 0.3) : 0.01,
    commentShare: r.between(0.2, 0.8),
    style: r.shuffle([...TEMPLATES]).slice(0, r.int(4, 12)),
  };
}

/** The state of the day being generated. */
class DayBuilder {
  readonly submissions: RawSubmission[] = [];
  readonly labels = new Map<string, Label>();
  /** Honest open answers per task, in time order, for copiers to find. */
  readonly answersOf = new Map<string, { at: number; text: string }[]>();
  private n = 0;
  private accounts = 0;
  readonly r: Random;
  readonly o: DayOptions;
  readonly tasks: TaskPlan[];
  constructor(r: Random, o: DayOptions, tasks: TaskPlan[]) {
    this.r = r;
    this.o = o;
    this.tasks = tasks;
  }

  account(label: Label): string {
    const a = `0x${((this.o.accountOffset ?? 0) + ++this.accounts).toString(16).padStart(40, "0")}`;
    this.labels.set(a, label);
    return a;
  }

  add(
    account: string,
    t: TaskPlan,
    at: number,
    tookMs: number,
    a: { answer?: string | null; rating?: number | null; choice?: string | null },
  ): number {
    const s = submissionOf(`d${this.o.seed}-${(this.n++).toString(36)}`, account, t, at, tookMs, a);
    this.submissions.push(s);
    return s.submittedAt.getTime();
  }

  /** Tasks of `count` whole-campaign walks (campaign order), starting at random campaigns. */
  taskList(count: number): TaskPlan[] {
    const campaigns = this.o.campaigns ?? 12;
    const per = this.o.tasksPerCampaign ?? 30;
    const out: TaskPlan[] = [];
    const order = this.r.shuffle([...Array(campaigns).keys()]);
    for (const c of order) {
      for (let t = 0; t < per && out.length < count; t++) out.push(this.tasks[c * per + t]!);
      if (out.length >= count) break;
    }
    return out;
  }

  /** One sentence about the task's topic; `style` is a writer's own habits (favourite frames). */
  sentence(t: TaskPlan, style?: readonly string[]): string {
    const r = this.r;
    const topic = TOPICS[t.topic]!;
    const frame = style && r.chance(0.6) ? r.pick(style) : r.pick(TEMPLATES);
    const opener = r.pick(OPENERS);
    const body = frame
      .replace("{n}", r.pick(topic))
      .replace("{m}", r.pick(topic))
      .replace("{g}", r.pick(GENERIC_NOUNS))
      .replace("{a}", r.pick(ADJECTIVES))
      .replace("{b}", r.pick(ADJECTIVES))
      .replace("{f}", r.pick(FEELINGS))
      .replace("{v}", r.pick(VERBS))
      .replace("{d} ", `${r.pick(ADVERBS)} `)
      .replace(/ +/g, " ");
    return opener ? `${opener} ${body}` : body;
  }

  /** An original open answer of about `words` words. */
  compose(t: TaskPlan, words: number, style?: readonly string[]): string {
    const parts: string[] = [];
    let n = 0;
    do {
      const s = this.sentence(t, style);
      parts.push(s);
      n += s.split(" ").length;
    } while (n < words);
    return parts.join(this.r.pick([" and ", ". ", ", ", " but ", ". also "]));
  }

  /** A honest-style answer to any task by someone with persona `p`. */
  honestAnswer(
    t: TaskPlan,
    p: Persona,
  ): { answer: string | null; rating: number | null; choice: string | null } {
    const r = this.r;
    if (t.kind === "prompt_answer")
      return {
        answer: this.compose(t, Math.round(20 * p.verbosity * r.lognormal(1, 0.3)), p.style),
        rating: null,
        choice: null,
      };
    if (t.kind === "questionnaire")
      return {
        answer: r.chance(0.45)
          ? r.zipf(STOCK.picture)
          : this.compose(t, Math.round(8 * p.verbosity), p.style),
        rating: null,
        choice: null,
      };
    const comment = r.chance(p.commentShare)
      ? r.chance(0.9)
        ? r.zipf(
            t.kind === "poll_response"
              ? STOCK.poll
              : t.kind === "mood_rating"
                ? STOCK.mood
                : STOCK.picture,
          )
        : this.sentence(t, p.style)
      : null;
    if (t.kind === "poll_response") {
      let choice = t.options[0]!;
      if (t.gold && r.chance(p.goldAccuracy)) choice = t.gold[0]!;
      else {
        let u = r() * t.popularity.reduce((a, b) => a + b, 0);
        for (let i = 0; i < t.options.length; i++)
          if ((u -= t.popularity[i]!) <= 0) ((choice = t.options[i]!), (u = 9));
      }
      return { answer: comment, rating: null, choice };
    }
    let rating = Math.round(t.quality + p.bias + r.normal(0, p.noise));
    if (t.gold && r.chance(p.goldAccuracy)) rating = Number(r.pick(t.gold));
    return { answer: comment, rating: Math.min(5, Math.max(1, rating)), choice: null };
  }

  /** How long a person takes to read a task and write `answer`. */
  humanMs(t: TaskPlan, p: Persona, answer: string | null): number {
    const r = this.r;
    const think =
      t.kind === "prompt_answer" ? r.lognormal(8 * SECOND, 0.5) : r.lognormal(2.5 * SECOND, 0.5);
    const typing = answer
      ? r.chance(p.pasteShare)
        ? r.between(1, 3) * SECOND
        : (answer.length / p.cps) * SECOND * r.lognormal(1, 0.2)
      : 0;
    return p.readMs * r.lognormal(1, 0.3) + think + typing;
  }

  /**
   * A person's day over `tasks`: sessions of a few to a few dozen tasks, short pauses between
   * tasks, breaks between sessions, inside the account's waking hours. `work` answers one task
   * at `at` and returns when it was sent.
   */
  sessions(
    tasks: readonly TaskPlan[],
    firstAt: number,
    work: (t: TaskPlan, at: number) => number,
  ): void {
    const r = this.r;
    let at = firstAt;
    let left = r.int(3, 25);
    for (const t of tasks) {
      if (at > this.o.start + DAY - 2 * MINUTE) return;
      at = work(t, at) + r.lognormal(6 * SECOND, 0.8);
      if (--left === 0) {
        at += Math.min(6 * HOUR, r.lognormal(45 * MINUTE, 0.9));
        left = r.int(3, 25);
      }
    }
  }

  wakeAt(): number {
    // Most people start in the morning; some late; a few work through the night.
    const r = this.r;
    return this.o.start + (r.chance(0.85) ? r.between(6, 14) : r.between(0, 22)) * HOUR;
  }

  honest(count: number): void {
    const r = this.r;
    let i = 0;
    while (i < count) {
      // Friends (≈ 6%) do the same campaigns side by side, each writing their own answers.
      const group = r.chance(0.03) ? Math.min(count - i, r.int(2, 3)) : 1;
      const n = r.chance(0.08)
        ? r.int(120, 330)
        : Math.round(Math.min(300, Math.max(4, r.lognormal(22, 0.7))));
      const tasks = this.taskList(n);
      const firstAt = this.wakeAt();
      for (let g = 0; g < group; g++, i++) {
        const account = this.account("honest");
        const p = persona(r);
        const mine = r.chance(0.01) ? [...tasks, ...tasks.slice(0, 2)] : tasks; // a resubmission
        this.sessions(mine, firstAt + r.between(0, 90) * SECOND, (t, at) => {
          const a = this.honestAnswer(t, p);
          const sent = this.add(account, t, at, this.humanMs(t, p, a.answer), a);
          if (a.answer && (t.kind === "prompt_answer" || t.kind === "questionnaire")) {
            const list = this.answersOf.get(t.taskId);
            const rec = { at: sent, text: a.answer };
            if (list) list.push(rec);
            else this.answersOf.set(t.taskId, [rec]);
          }
          return sent;
        });
      }
    }
    for (const list of this.answersOf.values()) list.sort((a, b) => a.at - b.at);
  }

  /** `text` reworded: a share of the words swapped for thesaurus synonyms, small edits. */
  paraphrase(text: string, share: number): string {
    const r = this.r;
    let words = text.split(/\s+/);
    const swappable = words.map((w, i) => (THESAURUS[w] ? i : -1)).filter((i) => i >= 0);
    const want = Math.round(words.length * share);
    for (const i of r.shuffle(swappable).slice(0, want)) words[i] = r.pick(THESAURUS[words[i]!]!);
    if (r.chance(0.3)) words.splice(r.int(0, words.length - 1), 0, r.pick(FILLER));
    if (r.chance(0.3) && words.length > 6) words.splice(r.int(0, words.length - 1), 1);
    if (r.chance(0.3)) {
      const cut = r.int(2, Math.max(2, words.length - 2));
      words = [...words.slice(cut), ...words.slice(0, cut)];
    }
    return words.join(" ");
  }

  /** An honest answer to this task sent before `at` by someone else, if any. */
  earlierAnswer(t: TaskPlan, at: number): string | undefined {
    const list = this.answersOf.get(t.taskId);
    if (!list) return undefined;
    let hi = 0;
    while (hi < list.length && list[hi]!.at < at - MINUTE) hi++;
    return hi ? list[this.r.int(0, hi - 1)]!.text : undefined;
  }

  abuse(kind: AbuseKind, count: number): void {
    const r = this.r;
    if (kind === "ring") {
      for (let left = count; left > 0;) {
        const size = Math.min(left, r.int(3, 6));
        this.ring(size);
        left -= size;
      }
      return;
    }
    for (let i = 0; i < count; i++) this.abuser(kind, this.account(kind));
  }

  private abuser(kind: Exclude<AbuseKind, "ring">, account: string): void {
    const r = this.r;
    const p = persona(r);
    const open = (t: TaskPlan) => t.kind === "prompt_answer" || t.kind === "questionnaire";
    switch (kind) {
      case "paraphraser": {
        const share = r.between(0.2, 0.4);
        const copyShare = r.between(0.6, 1);
        this.sessions(this.taskList(r.int(20, 90)), this.wakeAt() + 2 * HOUR, (t, at) => {
          const source = open(t) && r.chance(copyShare) ? this.earlierAnswer(t, at) : undefined;
          const a = source
            ? { answer: this.paraphrase(source, share), rating: null, choice: null }
            : this.honestAnswer(t, p);
          return this.add(account, t, at, this.humanMs(t, { ...p, pasteShare: 0 }, a.answer), a);
        });
        return;
      }
      case "fast-bot": {
        const [lo, hi] = [r.between(3.5, 6), r.between(7, 14)];
        this.sessions(this.taskList(r.int(60, 220)), this.wakeAt(), (t, at) => {
          const a = open(t)
            ? { answer: this.compose(t, r.int(22, 55)), rating: null, choice: null }
            : this.honestAnswer(t, { ...p, noise: 0.7, bias: 0, goldAccuracy: 0.9 });
          return this.add(account, t, at, r.between(lo, hi) * SECOND, a);
        });
        return;
      }
      case "sustained-uploader": {
        const perMinute = r.between(8, 19);
        let at = this.wakeAt();
        const end = Math.min(this.o.start + DAY, at + r.between(2, 6) * HOUR);
        const recent: number[] = [];
        const tasks = this.taskList(10_000);
        for (let k = 0; at < end; k++) {
          const t = tasks[k % tasks.length]!;
          const a = open(t)
            ? { answer: this.compose(t, r.int(8, 25)), rating: null, choice: null }
            : { answer: null, rating: r.int(1, 5), choice: r.pick(t.options) };
          if (t.kind !== "poll_response") a.choice = null;
          else a.rating = null;
          // Never 20 inside any minute: the previous rule's limit.
          while (recent.length >= 19 && at - recent[recent.length - 19]! <= MINUTE) at += SECOND;
          const sent = this.add(
            account,
            t,
            at - r.between(1.5, 3) * SECOND,
            r.between(1.5, 3) * SECOND,
            a,
          );
          recent.push(sent);
          at = sent + (MINUTE / perMinute) * r.between(0.5, 1.5);
        }
        return;
      }
      case "min-effort":
        this.sessions(this.taskList(r.int(15, 80)), this.wakeAt(), (t, at) => {
          const a = open(t)
            ? {
                answer: r.chance(0.3)
                  ? `${r.pick(LOW_EFFORT)} ${r.pick(LOW_EFFORT)}`
                  : r.pick(LOW_EFFORT),
                rating: null,
                choice: null,
              }
            : this.honestAnswer(t, p);
          return this.add(account, t, at, this.humanMs(t, p, a.answer), a);
        });
        return;
      case "random-clicker":
        this.sessions(
          this.taskList(r.int(40, 160)).filter((t) => !open(t)),
          this.wakeAt(),
          (t, at) => {
            const comment = r.chance(0.3) ? r.zipf(STOCK.picture) : null;
            const a =
              t.kind === "poll_response"
                ? { answer: comment, rating: null, choice: r.pick(t.options) }
                : { answer: comment, rating: r.int(1, 5), choice: null };
            return this.add(account, t, at, this.humanMs(t, p, comment) * r.between(0.4, 1), a);
          },
        );
        return;
      case "mixed": {
        const q: Persona = {
          ...p,
          cps: r.between(7, 10),
          goldAccuracy: 0.55,
          noise: 1.6,
          pasteShare: 0.15,
        };
        this.sessions(this.taskList(r.int(70, 160)), this.wakeAt(), (t, at) => {
          let a = this.honestAnswer(t, q);
          if (open(t) && r.chance(0.4))
            a = { answer: r.pick(LOW_EFFORT), rating: null, choice: null };
          else if (open(t) && r.chance(0.2)) {
            const source = this.earlierAnswer(t, at);
            if (source) a = { answer: this.paraphrase(source, 0.35), rating: null, choice: null };
          }
          if (a.rating !== null && r.chance(0.5)) a.rating = r.int(1, 5);
          return this.add(account, t, at, this.humanMs(t, q, a.answer) * 0.7, a);
        });
        return;
      }
      case "classic-bot": {
        const at = this.wakeAt();
        const tasks = this.taskList(r.int(12, 40));
        tasks.forEach((t, k) => {
          const a = open(t)
            ? { answer: this.compose(t, 15), rating: null, choice: null }
            : this.honestAnswer(t, p);
          this.add(account, t, at + k * 30 * SECOND, r.between(0.8, 1.2) * SECOND, a);
        });
        return;
      }
      case "burst-uploader": {
        let at = this.wakeAt();
        for (const t of this.taskList(r.int(40, 80))) {
          const a = open(t)
            ? { answer: this.compose(t, 12), rating: null, choice: null }
            : this.honestAnswer(t, p);
          this.add(account, t, at, r.between(1, 4) * SECOND, a);
          at += r.between(0.2, 2) * SECOND;
        }
        return;
      }
    }
  }

  /** One operator's ring: a leader writes, the others reword the leader's answers in lockstep. */
  private ring(size: number): void {
    const r = this.r;
    const members = Array.from({ length: size }, () => this.account("ring"));
    const p = persona(r);
    const tasks = this.taskList(r.int(25, 80));
    const share = r.between(0.1, 0.3);
    const plan: {
      t: TaskPlan;
      at: number;
      a: ReturnType<DayBuilder["honestAnswer"]>;
      took: number;
    }[] = [];
    this.sessions(tasks, this.wakeAt(), (t, at) => {
      const a = this.honestAnswer(t, p);
      const took = this.humanMs(t, p, a.answer);
      plan.push({ t, at, a, took });
      return at + took;
    });
    members.forEach((m, k) => {
      const lag = k * r.between(20, 120) * SECOND;
      for (const step of plan) {
        const a =
          k === 0 || !step.a.answer
            ? step.a
            : { ...step.a, answer: this.paraphrase(step.a.answer, share) };
        const rating =
          a.rating === null
            ? null
            : Math.min(5, Math.max(1, a.rating + r.int(-1, 1) * (r.chance(0.3) ? 1 : 0)));
        this.add(
          m,
          step.t,
          step.at + lag + r.between(-20, 20) * SECOND,
          step.took * r.lognormal(1, 0.15),
          { ...a, rating },
        );
      }
    });
  }
}

/** A generated day: submissions (raw, as the platform would post them) and their labels. */
export function generateDay(o: DayOptions): Day {
  const r = random(o.seed);
  const tasks = planTasks(r, o.firstCampaign ?? 1, o.campaigns ?? 12, o.tasksPerCampaign ?? 30);
  const b = new DayBuilder(r, o, tasks);
  b.honest(o.honest);
  for (const kind of ABUSE_KINDS) b.abuse(kind, o.abuse?.[kind] ?? 0);
  return { submissions: b.submissions, labels: b.labels, tasks };
}

/** Abuse counts as a share of the honest crowd, at least `min` accounts per kind. */
export function abuseShare(honest: number, share: number, min = 1): Record<AbuseKind, number> {
  return Object.fromEntries(
    ABUSE_KINDS.map((k) => [k, Math.max(min, Math.round(honest * share))]),
  ) as Record<AbuseKind, number>;
}
