import { parseTimestamp } from './timestamp-parser';

const NOW = Date.UTC(2024, 11, 10, 12, 0, 0); // 2024-12-10T12:00:00Z
const T = Date.UTC(2024, 11, 10, 6, 55, 46); // 2024-12-10T06:55:46Z

describe('parseTimestamp: ISO 8601 / RFC 3339', () => {
  it.each([
    ['2024-12-10T06:55:46Z', T],
    ['2024-12-10T06:55:46z', T],
    ['2024-12-10t06:55:46Z', T],
    ['2024-12-10 06:55:46', T],
    ['2024-12-10T06:55:46', T],
    ['2024-12-10T06:55:46.123Z', T + 123],
    ['2024-12-10T06:55:46.1Z', T + 100],
    ['2024-12-10T06:55:46.123456789Z', T + 123],
    ['2024-12-10 06:55:46,250', T + 250],
    ['2024-12-10T07:55:46+01:00', T],
    ['2024-12-10T07:55:46+0100', T],
    ['2024-12-10T07:55:46+01', T],
    ['2024-12-09T23:25:46-07:30', T],
    ['2024-12-10 07:55:46 +0100', T],
    ['2024-12-10 06:55:46 UTC', T],
    ['2024-12-10T06:55Z', T - 46_000],
    ['2024-12-10', Date.UTC(2024, 11, 10)],
    ['  2024-12-10T06:55:46Z\n', T],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['1969-07-20T20:17:40Z', Date.UTC(1969, 6, 20, 20, 17, 40)],
    ['2000-01-01T00:00:00.000Z', Date.UTC(2000, 0, 1)],
  ])('%s', (input, expected) => {
    expect(parseTimestamp(input, NOW)).toBe(expected);
  });

  it('agrees with Date.parse on a spread of generated ISO strings', () => {
    for (let ms = Date.UTC(1971, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 987_654_321_123) {
      const iso = new Date(ms).toISOString();
      expect(parseTimestamp(iso, NOW)).toBe(ms);
      expect(parseTimestamp(iso.replace('Z', '+05:30'), NOW)).toBe(ms - 5.5 * 3_600_000);
    }
  });

  it.each([
    '2024-13-10T06:55:46Z',
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-12-10T24:00:00Z',
    '2024-12-10T06:60:00Z',
    '2024-12-10T06:55:46+25:00',
    '2024-12-10T06:55:46Zjunk',
    '2024-12-10 hello',
    '2024-12-1',
    '2024-12-10T',
  ])('rejects %j', (input) => {
    expect(parseTimestamp(input, NOW)).toBeNull();
  });
});

describe('parseTimestamp: epoch numbers and numeric strings', () => {
  const S = 1733813746; // 2024-12-10T06:55:46Z
  it.each<[unknown, number]>([
    [S, S * 1000],
    [S + 0.5, S * 1000 + 500],
    [S * 1000, S * 1000],
    [S * 1000 + 123, S * 1000 + 123],
    [S * 1_000_000 + 123_456, S * 1000 + 123],
    [BigInt(S) * 1_000_000_000n + 123_456_789n, S * 1000 + 123],
    [String(S), S * 1000],
    [`${S}.25`, S * 1000 + 250],
    [String(S * 1000), S * 1000],
    ['1733813746123456', S * 1000 + 123],
    ['1733813746123456789', S * 1000 + 123],
    [0, 0],
  ])('%p', (input, expected) => {
    expect(parseTimestamp(input, NOW)).toBe(expected);
  });

  it('accepts a valid Date and rejects an invalid one', () => {
    expect(parseTimestamp(new Date(T), NOW)).toBe(T);
    expect(parseTimestamp(new Date('nope'), NOW)).toBeNull();
  });

  it.each<unknown>([-5, NaN, Infinity, '12.34.56', '.5', '5.', '', '   ', '-1733813746', null, undefined, true, {}, []])(
    'rejects %p',
    (input) => {
      expect(parseTimestamp(input, NOW)).toBeNull();
    },
  );
});

describe('parseTimestamp: text formats', () => {
  it.each([
    ['Tue, 10 Dec 2024 07:55:46 +0100', T],
    ['Tue,10 Dec 2024 06:55:46 GMT', T],
    ['10 Dec 2024 06:55:46 +0000', T],
    ['Tue, 10 Dec 2024 01:55:46 EST', T],
    ['Tue, 10 Dec 2024 06:55 +0000', T - 46_000],
    ['Sun Dec 04 04:47:44 2005', Date.UTC(2005, 11, 4, 4, 47, 44)],
    ['[Sun Dec 04 04:47:44 2005]', Date.UTC(2005, 11, 4, 4, 47, 44)],
    ['Sun Dec  4 04:47:44 2005', Date.UTC(2005, 11, 4, 4, 47, 44)],
    ['[Wed Oct 11 14:32:52.123456 2000]', Date.UTC(2000, 9, 11, 14, 32, 52, 123)],
    ['10/Oct/2000:13:55:36 -0700', Date.UTC(2000, 9, 10, 20, 55, 36)],
    ['[10/Oct/2000:13:55:36 -0700]', Date.UTC(2000, 9, 10, 20, 55, 36)],
    ['1/oct/2000:13:55:36 +0000', Date.UTC(2000, 9, 1, 13, 55, 36)],
    ['10/Oct/2000:13:55:36', Date.UTC(2000, 9, 10, 13, 55, 36)],
    ['Dec 10 06:55:46', T],
    ['dec 10 06:55:46', T],
    ['Dec  1 06:55:46', Date.UTC(2024, 11, 1, 6, 55, 46)],
    ['Dec 10 06:55:46.5', T + 500],
  ])('%s', (input, expected) => {
    expect(parseTimestamp(input, NOW)).toBe(expected);
  });

  it.each(['Tue, 32 Dec 2024 06:55:46 +0000', 'Foo Dec 04 04:47:44 2005', 'Sun Dex 04 04:47:44 2005', '10/Okt/2000:13:55:36', 'Dec 10', 'Dec 10 6:55:46', 'December 10 06:55:46', '[2024-12-10T06:55:46Z'])(
    'rejects %j',
    (input) => {
      expect(parseTimestamp(input, NOW)).toBeNull();
    },
  );
});

describe('parseTimestamp: syslog year inference', () => {
  it('uses the current year when that is not in the future', () => {
    expect(parseTimestamp('Dec 10 06:55:46', NOW)).toBe(T);
  });

  it('allows up to about a day in the future (clock skew, time zones)', () => {
    expect(parseTimestamp('Dec 11 06:00:00', NOW)).toBe(Date.UTC(2024, 11, 11, 6));
  });

  it('takes the previous year when the date would be further in the future', () => {
    const newYear = Date.UTC(2025, 0, 1, 0, 5);
    expect(parseTimestamp('Dec 31 23:59:00', newYear)).toBe(Date.UTC(2024, 11, 31, 23, 59));
    expect(parseTimestamp('Dec 13 00:00:00', NOW)).toBe(Date.UTC(2023, 11, 13));
  });

  it('finds the latest leap year for Feb 29', () => {
    expect(parseTimestamp('Feb 29 10:00:00', Date.UTC(2027, 5, 1))).toBe(Date.UTC(2024, 1, 29, 10));
  });
});
