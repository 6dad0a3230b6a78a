import { parseTimeExpression } from './time-expression';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('parseTimeExpression', () => {
  it('reads relative times', () => {
    expect(parseTimeExpression('now', NOW, 'to')).toBe(NOW);
    expect(parseTimeExpression('now-15m', NOW, 'from')).toBe(NOW - 15 * 60_000);
    expect(parseTimeExpression('now-7d', NOW, 'from')).toBe(NOW - 7 * 86_400_000);
    expect(parseTimeExpression('NOW - 1h', NOW, 'from')).toBe(NOW - 3_600_000);
  });
  it('reads ISO dates, with a bare upper-bound date meaning the whole day', () => {
    expect(parseTimeExpression('2025-10-30T10:15:30Z', NOW, 'from')).toBe(Date.parse('2025-10-30T10:15:30Z'));
    expect(parseTimeExpression('2025-10-30T12:15:30+02:00', NOW, 'from')).toBe(Date.parse('2025-10-30T10:15:30Z'));
    expect(parseTimeExpression('2025-10-30', NOW, 'from')).toBe(Date.parse('2025-10-30T00:00:00Z'));
    expect(parseTimeExpression('2025-10-30', NOW, 'to')).toBe(Date.parse('2025-10-30T23:59:59.999Z'));
    expect(parseTimeExpression('2025-10-30T10:15', NOW, 'from')).toBe(Date.parse('2025-10-30T10:15:00Z'));
  });
  it('reads epoch seconds and milliseconds', () => {
    expect(parseTimeExpression('1700000000', NOW, 'from')).toBe(1_700_000_000_000);
    expect(parseTimeExpression('1700000000123', NOW, 'from')).toBe(1_700_000_000_123);
  });
  it('refuses what it cannot read', () => {
    expect(parseTimeExpression('yesterday', NOW, 'from')).toBeNull();
    expect(parseTimeExpression('now-5y', NOW, 'from')).toBeNull();
    expect(parseTimeExpression('2025-13-45', NOW, 'from')).toBeNull();
    // Date.parse alone reads these as dates in 2000 and 2001.
    expect(parseTimeExpression('0', NOW, 'from')).toBeNull();
    expect(parseTimeExpression('12', NOW, 'to')).toBeNull();
    expect(parseTimeExpression('1/2', NOW, 'from')).toBeNull();
  });
});
