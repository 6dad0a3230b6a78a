import { dateBounds, fieldKind, levelsInRange, parseDate, parseNumber } from './query-values';

const bound = (value: string, inclusive = true) => ({ value, inclusive, position: 0 });

describe('query values', () => {
  it('knows the kind of every field', () => {
    expect([null, 'message', 'level', 'service', 'status_code', 'response_time_ms', '@timestamp', 'tags', 'http.method'].map(fieldKind))
      .toEqual(['text', 'text', 'level', 'keyword', 'number', 'number', 'date', 'tags', 'extra']);
  });

  it('reads numbers and rejects anything else', () => {
    expect(['500', '-1.5', '.5', '1e3'].map((v) => parseNumber(v, 0))).toEqual([500, -1.5, 0.5, 1000]);
    for (const v of ['', 'abc', '5x', '0x10', 'Infinity', '1 2']) expect(() => parseNumber(v, 7)).toThrow('Expected a number at position 7');
  });

  it('reads a date as the span of milliseconds it names', () => {
    const day = Date.UTC(2024, 4, 1);
    expect(parseDate('2024-05-01', 0)).toEqual({ floor: day, ceil: day + 86_400_000 - 1 });
    expect(parseDate('2024', 0)).toEqual({ floor: Date.UTC(2024, 0, 1), ceil: Date.UTC(2025, 0, 1) - 1 });
    expect(parseDate('2024-02', 0)).toEqual({ floor: Date.UTC(2024, 1, 1), ceil: Date.UTC(2024, 2, 1) - 1 });
    expect(parseDate('2024-05-01T10:30', 0)).toEqual({ floor: day + 37_800_000, ceil: day + 37_860_000 - 1 });
    expect(parseDate('2024-05-01T10:30:00.5Z', 0)).toEqual({ floor: day + 37_800_500, ceil: day + 37_800_599 });
    expect(parseDate('2024-05-01 10:30:00.123456+02:00', 0)).toEqual({ floor: day + 30_600_123, ceil: day + 30_600_123 });
    expect(parseDate('1714557600000', 0)).toEqual({ floor: 1714557600000, ceil: 1714557600000 });
  });

  it('rejects impossible or unknown dates', () => {
    for (const v of ['2024-13-01', '2024-02-30', '2024-05-01T24:00', 'now', '05/01/2024', '2024-05-01Z']) {
      expect(() => parseDate(v, 3)).toThrow('at position 3');
    }
  });

  it('rounds date bounds the way Elasticsearch does', () => {
    const day = Date.UTC(2024, 4, 1);
    const end = day + 86_400_000 - 1;
    expect(dateBounds(bound('2024-05-01'), bound('2024-05-01'))).toEqual({ min: day, max: end });
    expect(dateBounds(bound('2024-05-01', false), bound('2024-05-01', false))).toEqual({ min: end + 1, max: day - 1 });
    expect(dateBounds(null, null)).toEqual({ min: null, max: null });
  });

  it('orders levels by severity and accepts aliases', () => {
    expect(levelsInRange({ lower: bound('warn'), upper: null })).toEqual(['WARNING', 'ERROR', 'CRITICAL']);
    expect(levelsInRange({ lower: bound('debug', false), upper: bound('ERROR', false) })).toEqual(['INFO', 'WARNING']);
    expect(levelsInRange({ lower: bound('ERROR'), upper: bound('INFO') })).toEqual([]);
    expect(() => levelsInRange({ lower: bound('loud'), upper: null })).toThrow(/Expected a level/);
  });
});
