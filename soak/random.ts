/** mulberry32: a small seeded generator, so a soak run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function between(random: () => number, low: number, high: number): number {
  return Math.floor(low + random() * (high - low));
}

/** Uniform on a log scale: sizes from 1 KiB to 64 KiB are as likely near either end. */
export function logBetween(random: () => number, low: number, high: number): number {
  return Math.floor(Math.exp(Math.log(low) + random() * (Math.log(high) - Math.log(low))));
}
