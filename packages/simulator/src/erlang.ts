/**
 * Erlang C (M/M/c): the textbook staffing model. `a` = offered load in Erlangs
 * (arrival rate x mean service time), `c` = servers.
 */

/** Erlang B blocking probability, by the stable recursion B(0) = 1, B(k) = aB/(k + aB). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Probability an arrival has to wait (Erlang C); 1 when the load is at or over capacity. */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (c <= a) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** Mean wait in queue (same time unit as `serviceTime`); Infinity when overloaded. */
export function erlangCMeanWait(c: number, a: number, serviceTime: number): number {
  if (a <= 0) return 0;
  if (c <= a) return Infinity;
  return (erlangC(c, a) * serviceTime) / (c - a);
}

/**
 * Share of customers waiting no longer than `t`: 1 - C(c, a) x exp(-(c - a) x t / serviceTime).
 * `t` and `serviceTime` in the same unit.
 */
export function serviceLevel(c: number, a: number, serviceTime: number, t: number): number {
  if (a <= 0) return 1;
  if (c <= a) return 0;
  return 1 - erlangC(c, a) * Math.exp((-(c - a) * t) / serviceTime);
}

/** Fewest servers reaching `goal` share within `t` (at least 1 when there is any load). */
export function serversFor(a: number, serviceTime: number, t: number, goal: number): number {
  if (a <= 0) return 0;
  let c = Math.max(1, Math.floor(a) + 1);
  while (serviceLevel(c, a, serviceTime, t) < goal) c++;
  return c;
}
