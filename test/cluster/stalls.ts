// This process's stalls, for timing checks on a busy machine: a 5 ms timer that fires late means
// the process did not run (a long callback, or the CPU given to others) from when it was due to when
// it fired. Times are in the clock of the fixture portals' arrivals (performance.timeOrigin + now()).
const TICK_MS = 5;

export interface Stalls {
  /** The longest stall overlapping [from, to], plus the tick (what a stall shorter than it hides). */
  within(from: number, to: number): number;
  stop(): void;
}

export function watchStalls(): Stalls {
  const now = () => performance.timeOrigin + performance.now();
  const stalls: { from: number; to: number }[] = [];
  let due = now() + TICK_MS;
  const timer = setInterval(() => {
    const t = now();
    if (t - due > TICK_MS) stalls.push({ from: due, to: t });
    due = t + TICK_MS;
  }, TICK_MS);
  return {
    within(from, to) {
      const overlapping = stalls.filter((s) => s.to >= from && s.from <= to).map((s) => s.to - s.from);
      return Math.max(0, ...overlapping) + TICK_MS;
    },
    stop: () => clearInterval(timer),
  };
}
