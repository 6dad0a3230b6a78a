import { mulberry32 } from './isolation-forest';

/** Gaussian noise from a seed (Box-Muller), for test series with known answers. */
export function gaussian(seed: number): () => number {
  const random = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `n` values of `level(i)` plus noise of standard deviation `sd`, never below 0. */
export function noisy(n: number, level: (i: number) => number, sd: number, seed = 1): number[] {
  const noise = gaussian(seed);
  return Array.from({ length: n }, (_, i) => Math.max(0, level(i) + sd * noise()));
}

/** A day of minutes: 6x traffic from 09:00 to 17:00, as the sample generator makes it. */
export const businessHours = (base: number) => (i: number) => {
  const hour = Math.floor((i % 1440) / 60);
  return hour >= 9 && hour < 17 ? 6 * base : base;
};

export const anomalousAt = (verdicts: { index: number; anomalous: boolean }[]) => verdicts.filter((v) => v.anomalous).map((v) => v.index);
