import { formatDuration, parseDuration } from './duration';

describe('durations', () => {
  it.each<[unknown, number | null]>([
    ['90s', 90_000], ['5m', 300_000], ['1h30m', 5_400_000], ['1d', 86_400_000], ['250ms', 250], ['15', 15_000], [2, 2_000],
    ['', null], ['5 minutes', null], ['-1s', null], [-1, null], [null, null], ['1m5', null],
  ])('parses %p', (raw, ms) => {
    expect(parseDuration(raw)).toBe(ms);
  });

  it('reads bare numbers in the unit asked (seed 002 minutes)', () => {
    expect(parseDuration(5, 60_000)).toBe(300_000);
  });

  it.each<[number, string]>([[0, '0s'], [90_000, '1m30s'], [300_000, '5m'], [86_400_000, '1d'], [1_500, '1s500ms']])('formats %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
