/**
 * The server's one clock. Production reads the system time; demos and tests set it with
 * CFP_NOW (the clock then starts at that instant and advances in real time), or fix it outright.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Starts at `start` and advances with real time. */
export function clockStartingAt(start: Date, realNow: () => number = Date.now): Clock {
  const offset = start.getTime() - realNow();
  return { now: () => new Date(realNow() + offset) };
}

/** Never moves unless told to: for tests. */
export function fixedClock(at: Date): Clock & { set(at: Date): void; advance(ms: number): void } {
  let current = at.getTime();
  return {
    now: () => new Date(current),
    set: (d) => (current = d.getTime()),
    advance: (ms) => (current += ms),
  };
}
