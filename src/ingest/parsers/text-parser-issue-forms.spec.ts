import { collect, rawOf } from './parser-testing';
import { TextParser } from './text-parser';

// Each timestamp and level form issue 13 names as failing, read by the text parser one line at
// a time. The reference time is 2026-12-01 12:00 UTC: a missing year must not land after it.
const NOW = Date.UTC(2026, 11, 1, 12);

function first(line: string): Record<string, unknown> {
  return rawOf(collect(new TextParser({ now: NOW }), [line])[0]);
}

function isoOf(line: string): string | null {
  const ts = first(line).timestamp;
  if (ts === undefined) return null;
  return new Date(typeof ts === 'number' ? ts : String(ts)).toISOString();
}

describe('text parser: the timestamp forms of issue 13', () => {
  it.each([
    ['yyMMdd HHmmss (HDFS)', '081109 203615 148 INFO dfs.DataNode: PacketResponder 1 terminating', '2008-11-09T20:36:15.000Z'],
    ['yy/MM/dd (Spark)', '17/06/09 20:10:40 INFO executor.Executor: Registered', '2017-06-09T20:10:40.000Z'],
    ['logcat, no year', '03-17 16:13:38.811  1702  2395 D WindowManager: freeze', '2026-03-17T16:13:38.811Z'],
    ['yyyyMMdd-HH:mm:ss:SSS (HealthApp)', '20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579', '2017-12-23T22:15:29.606Z'],
    ['[MM.dd HH:mm:ss] (Proxifier)', '[10.30 16:49:06] chrome.exe - proxy.example.org:5070 open through proxy', '2026-10-30T16:49:06.000Z'],
    [
      'a date after a leading file name (OpenStack)',
      'nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server GET /v2',
      '2017-05-16T00:00:00.008Z',
    ],
    ['epoch seconds in a column of a whitespace header (BGL)', '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 RAS KERNEL INFO cache parity', '2005-06-03T22:42:50.000Z'],
  ])('%s', (_name, line, expected) => {
    expect(isoOf(line)).toBe(expected);
  });

  it('infers a missing year so that the time is not in the future', () => {
    // 12-28 is after the reference day: last year's.
    expect(isoOf('12-28 23:59:59.999  1000  1000 I ActivityManager: Displayed')).toBe('2025-12-28T23:59:59.999Z');
    expect(isoOf('[12.24 09:00:00] svchost.exe - example.org:443 open directly')).toBe('2025-12-24T09:00:00.000Z');
  });

  it('prefers the most complete candidate in the header', () => {
    // The file name's date has no fraction; the record's own time (with ms) is the one kept.
    expect(isoOf('app.log.2017-05-16 2017-05-16 00:00:04.500 INFO started')).toBe('2017-05-16T00:00:04.500Z');
  });

  it('keeps the ingest time only when nothing in the header is a time', () => {
    expect(first('plain message without any time').timestamp).toBeUndefined();
    // A number that is not an epoch (an id) is not a time either.
    expect(first('job 12345 finished in 17 s').timestamp).toBeUndefined();
  });
});

describe('text parser: the level forms of issue 13', () => {
  it.each([
    ['V', '03-17 16:13:41.000   512   530 V AudioFlinger: start', 'TRACE'],
    ['D', '03-17 16:13:38.811  1702  2395 D WindowManager: x', 'DEBUG'],
    ['I', '03-17 16:13:38.819  1702  8671 I PowerManagerService: acquire', 'INFO'],
    ['W', '03-17 16:13:39.002  1702  1820 W ActivityManager: Unable', 'WARNING'],
    ['E', '03-17 16:13:40.120  2227  2227 E AndroidRuntime: FATAL EXCEPTION: main', 'ERROR'],
    ['F', '03-17 16:13:42.555  1702  1702 F libc    : Fatal signal 6', 'CRITICAL'],
    ['SEVERE', 'Dec 10, 2024 6:55:46 AM org.apache.catalina.core.StandardContext start\nSEVERE: Error listenerStart', 'ERROR'],
    ['FAILURE', '- 1117869872 2005.06.04 R23-M1-N8-I:J18-U11 2005-06-04-00.24.32.398284 R23-M1-N8-I:J18-U11 RAS KERNEL FAILURE torus link', 'ERROR'],
    ['notice', '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties', 'INFO'],
    ['an Info column', '2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505', 'INFO'],
    ['a Warning column', '2016-09-28 04:30:31, Warning               CBS    Unable to load the package', 'WARNING'],
    ['the header level over message words (CBS)', '2016-09-28 04:30:31, Info                  CBS    Warning: Unrecognized packageExtended attribute.', 'INFO'],
  ])('%s', (_name, text, level) => {
    expect(first(text).level).toBe(level);
  });
});
