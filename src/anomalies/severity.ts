import { Severity } from './anomaly';

/**
 * Seed 002's severity table: critical above z 4 or 400% deviation, high from z 3 / 300%,
 * medium from z 2.5 / 250%, low below. The worse of the two readings wins, so a total
 * outage (deviation -100%) far outside the band is still critical.
 */
export function severityOf(score: number, deviationPercent: number | null): Severity {
  const z = Math.abs(score);
  const d = Math.abs(deviationPercent ?? 0);
  if (z > 4 || d > 400) return 'critical';
  if (z >= 3 || d >= 300) return 'high';
  if (z >= 2.5 || d >= 250) return 'medium';
  return 'low';
}

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function worse(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}

export const severityRank = (s: Severity): number => RANK[s];
