// Vested and released $MESI over time for a set of schedules, as chart points: vesting follows
// VestingVault's rule (nothing before start + cliff, linear to start + duration), releases are
// the indexed Released events summed in time order.
export interface CurveSchedule {
  amount: bigint;
  start: number;
  cliff: number;
  duration: number;
}

/** Vested amount of one schedule at time t (VestingVault.vestedAt). */
export function vestedAt(s: CurveSchedule, t: number): bigint {
  if (t < s.start + s.cliff) return 0n;
  if (s.duration === 0 || t >= s.start + s.duration) return s.amount;
  return (s.amount * BigInt(t - s.start)) / BigInt(s.duration);
}

export interface CurvePoint {
  time: number;
  vested: number;
  released: number;
}

const toMesi = (wei: bigint) => Number(wei / 10n ** 12n) / 1e6;

/** Points at every schedule's start, cliff and end, every release, and `now`. */
export function vestingCurve(
  schedules: readonly CurveSchedule[],
  releases: readonly { amount: bigint; timestamp: number }[],
  now: number,
): CurvePoint[] {
  const times = new Set<number>([now]);
  for (const s of schedules) {
    times.add(s.start);
    if (s.cliff > 0) {
      times.add(s.start + s.cliff - 1);
      times.add(s.start + s.cliff);
    }
    times.add(s.start + s.duration);
  }
  for (const r of releases) times.add(r.timestamp);
  return [...times]
    .sort((a, b) => a - b)
    .map((t) => ({
      time: t,
      vested: toMesi(schedules.reduce((sum, s) => sum + vestedAt(s, t), 0n)),
      released: toMesi(
        releases.filter((r) => r.timestamp <= t).reduce((sum, r) => sum + r.amount, 0n),
      ),
    }));
}
