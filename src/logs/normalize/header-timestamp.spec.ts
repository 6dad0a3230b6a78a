import { findHeaderTimestamp } from './header-timestamp';

const NOW = Date.UTC(2026, 11, 1, 12);
const iso = (line: string, columnZeroOnly = false) => {
  const found = findHeaderTimestamp(line, NOW, columnZeroOnly);
  return found === null ? null : new Date(found.timestamp).toISOString();
};

describe('findHeaderTimestamp: shapes', () => {
  it.each([
    ['081109 203615 148 INFO dfs.DataNode', '2008-11-09T20:36:15.000Z'], // yyMMdd HHmmss
    ['130101  9:00:00 [ERROR] x', '2013-01-01T09:00:00.000Z'], // yyMMdd with a padded hour
    ['17/06/09 20:10:40 INFO x', '2017-06-09T20:10:40.000Z'], // yy/MM/dd
    ['03-17 16:13:38.811  1702  2395 D Tag: x', '2026-03-17T16:13:38.811Z'], // logcat, no year
    ['20171223-22:15:29:606|Step_LSC|30002312|x', '2017-12-23T22:15:29.606Z'],
    ['20241210T065546 basic ISO', '2024-12-10T06:55:46.000Z'],
    ['[10.30 16:49:06] chrome.exe - x', '2026-10-30T16:49:06.000Z'], // MM.dd, no year
    ['2024/12/10 06:55:46 [error] 1#1: x', '2024-12-10T06:55:46.000Z'],
    ['10.12.2024 06:55:46 ERROR x', '2024-12-10T06:55:46.000Z'], // dd.MM.yyyy
    ['12/10/2024 6:55:46 PM Backup', '2024-12-10T18:55:46.000Z'], // MM/dd/yyyy, 12-hour clock
    ['25/12/2024 06:55:46 day first when over 12', '2024-12-25T06:55:46.000Z'],
    ['10-Dec-2024 06:55:46.123 INFO [main] x', '2024-12-10T06:55:46.123Z'],
    ['Dec 10 2024 06:55:46: %ASA-6-302013: x', '2024-12-10T06:55:46.000Z'],
    ['Dec 10, 2024 6:55:46 AM com.example.Main main', '2024-12-10T06:55:46.000Z'],
    ['Dec 10 06:55:46 2024 ctime without weekday', '2024-12-10T06:55:46.000Z'],
    ['I1210 06:55:46.123456   12345 main.go:42] x', '2025-12-10T06:55:46.123Z'], // klog
    ['[1210/065546.123:ERROR:gpu_init.cc(441)] x', '2025-12-10T06:55:46.123Z'], // Chromium
    ['1733813746.123    150 10.0.0.1 TCP_MISS/200', '2024-12-10T06:55:46.123Z'], // epoch s
    ['1733813746123 INFO started', '2024-12-10T06:55:46.123Z'], // epoch ms
    ['2024-12-10T06:55:46.123+0100 web01', '2024-12-10T05:55:46.123Z'],
  ])('%s', (line, expected) => {
    expect(iso(line)).toBe(expected);
  });
});

describe('findHeaderTimestamp: where in the header', () => {
  it('reads a date after a leading file name, preferring the more complete candidate', () => {
    const line = 'nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi';
    expect(findHeaderTimestamp(line, NOW)).toEqual({ timestamp: Date.UTC(2017, 4, 16, 0, 0, 0, 8), start: 35, end: 58, level: null });
  });

  it('reads epoch seconds in a column before a zoneless local time', () => {
    expect(iso('- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02 RAS KERNEL INFO x')).toBe('2005-06-03T22:42:50.000Z');
    expect(iso('134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change')).toBe('2004-02-26T14:12:22.000Z');
  });

  it('takes the year from a later candidate at the same time of year', () => {
    expect(iso('Dec 10 06:55:46 lb01 haproxy[1234]: 10.0.0.1:56789 [10/Dec/2024:06:55:46.123] http-in')).toBe('2024-12-10T06:55:46.123Z');
    expect(iso('Dec 10 06:55:46 host app: retry at [11/Dec/2024:00:00:00]')).toBe('2025-12-10T06:55:46.000Z');
  });

  it('keeps the first complete timestamp, not one quoted later in the message', () => {
    expect(iso('2024-12-10 06:55:46 INFO job scheduled for 2025-01-01T00:00:00Z')).toBe('2024-12-10T06:55:46.000Z');
  });

  it('stops at the message of a `program: text` section', () => {
    expect(iso('worker: retrying the job of 2024-12-10 06:55:46')).toBeNull();
  });

  it('infers a missing year so that the time is not in the future', () => {
    expect(iso('12-28 23:59:59.999  1000  1000 I Tag: x')).toBe('2025-12-28T23:59:59.999Z');
    expect(iso('12-02 11:00:00.000  1000  1000 I Tag: within a day of now')).toBe('2026-12-02T11:00:00.000Z');
  });

  it('finds nothing in indented lines, uptime stamps, impossible dates and epochs in the future', () => {
    expect(iso('    at com.example.Api.handle(Api.java:42) 2024-12-10 06:55:46')).toBeNull();
    expect(iso('[    0.000000] Booting Linux')).toBeNull();
    expect(iso('131345 203615 not a date')).toBeNull();
    expect(iso('1999999999 is in 2033')).toBeNull();
    expect(iso('order 1234567 shipped')).toBeNull();
  });

  it.each([
    ['2024-12-10T06:55:46.123Z INFO started', '2024-12-10T06:55:46.123Z'],
    ['2024-12-10 07:55:46 +0100 [warn] disk', '2024-12-10T06:55:46.000Z'],
    ['2024-12-10 06:55:46 -12 items left', '2024-12-10T06:55:46.000Z'],
    ['[2024-12-10T06:55:46Z] hello', '2024-12-10T06:55:46.000Z'],
    ['Dec 10 06:55:46 web01 sshd[42]: Accepted', '2025-12-10T06:55:46.000Z'],
    ['[Sun Dec 04 04:47:44 2005] [error] mod_jk', '2005-12-04T04:47:44.000Z'],
    ['[10/Oct/2000:13:55:36 -0700] GET /', '2000-10-10T20:55:36.000Z'],
    ['Tue, 10 Dec 2024 06:55:46 +0000: mail queued', '2024-12-10T06:55:46.000Z'],
  ])('reads %j at column 0', (line, expected) => {
    expect(iso(line, true)).toBe(expected);
  });

  it.each([
    '    at com.example.Foo.bar(Foo.java:42)',
    ' 2024-12-10T06:55:46Z indented',
    'Caused by: java.io.IOException',
    '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1',
    '2024-12-10T06:55:46Zebra',
    'December is cold',
    'Decimal 10 06:55:46',
    '',
  ])('finds no column-0 timestamp in %j', (line) => {
    expect(iso(line, true)).toBeNull();
  });

  it('looks only at the line start when asked', () => {
    expect(iso('- 1117838570 2005.06.03 x', true)).toBeNull();
    expect(iso('[2024-12-10T06:55:46,123][INFO ] x', true)).toBe('2024-12-10T06:55:46.123Z');
  });
});
