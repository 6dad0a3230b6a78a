import { MAX_RECORD_BYTES } from './parsed-item';
import { collect, expectSameForEverySplit, rawOf } from './parser-testing';
import { TextParser } from './text-parser';

const NOW = Date.UTC(2024, 11, 10, 12);
const parse = (text: string) => collect(new TextParser({ now: NOW }), [text]);

describe('TextParser', () => {
  it('starts a record at each leading timestamp and appends stack-trace lines to its message', () => {
    const text = [
      '2024-12-10T06:55:46.123Z ERROR [api] request failed',
      'java.lang.IllegalStateException: boom',
      '    at com.example.Api.handle(Api.java:42)',
      'Caused by: java.io.IOException: reset',
      '2024-12-10T06:55:47Z INFO recovered',
    ].join('\n');
    expect(parse(text)).toEqual([
      {
        line: 1,
        raw: {
          timestamp: Date.UTC(2024, 11, 10, 6, 55, 46, 123),
          level: 'ERROR',
          message:
            'ERROR [api] request failed\njava.lang.IllegalStateException: boom\n    at com.example.Api.handle(Api.java:42)\nCaused by: java.io.IOException: reset',
        },
      },
      { line: 5, raw: { timestamp: Date.UTC(2024, 11, 10, 6, 55, 47), level: 'INFO', message: 'INFO recovered' } },
    ]);
  });

  it('reads syslog and Apache error log lines', () => {
    expect(parse('Dec 10 06:55:46 web01 sshd[42]: error: auth failed\n[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok\n')).toEqual([
      { line: 1, raw: { timestamp: Date.UTC(2024, 11, 10, 6, 55, 46), level: 'ERROR', message: 'web01 sshd[42]: error: auth failed' } },
      { line: 2, raw: { timestamp: Date.UTC(2005, 11, 4, 4, 47, 44), level: 'INFO', message: '[notice] workerEnv.init() ok' } },
    ]);
  });

  it('turns an access-log line into request fields, with the level from the status', () => {
    const line = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 503 2326 "http://ref/" "Mozilla/5.0"';
    expect(parse(`${line}\n`)).toEqual([
      {
        line: 1,
        raw: {
          timestamp: Date.UTC(2000, 9, 10, 20, 55, 36),
          level: 'ERROR',
          log_type: 'access',
          client_ip: '127.0.0.1',
          user_id: 'frank',
          method: 'GET',
          endpoint: '/a.gif',
          status_code: 503,
          bytes: 2326,
          referrer: 'http://ref/',
          user_agent: 'Mozilla/5.0',
          message: line,
        },
      },
    ]);
  });

  it('makes a record without a timestamp of a first line that has none', () => {
    expect(parse('no time here\n2024-12-10T06:55:46Z WARN later\n  more')).toEqual([
      { line: 1, raw: { message: 'no time here' } },
      { line: 2, raw: { timestamp: Date.UTC(2024, 11, 10, 6, 55, 46), level: 'WARNING', message: 'WARN later\n  more' } },
    ]);
  });

  it('keeps lines of a file without timestamps apart, except indented continuations', () => {
    expect(parse('ERROR first\n  detail of first\nsecond\n\nthird')).toEqual([
      { line: 1, raw: { level: 'ERROR', message: 'ERROR first\n  detail of first' } },
      { line: 3, raw: { message: 'second' } },
      { line: 5, raw: { message: 'third' } },
    ]);
  });

  it('skips blank lines inside a record and sends timestamps before 1973 as ISO text', () => {
    expect(parse('1970-01-02T00:00:00Z boot\n\n\ncontinued\n')).toEqual([
      { line: 1, raw: { timestamp: '1970-01-02T00:00:00.000Z', message: 'boot\ncontinued' } },
    ]);
  });

  it('gives the same items wherever the chunks are cut', () => {
    const text = 'Dec 10 06:55:46 h app: ✓ ok\r\n\tat x\r\n2024-12-10 06:55:47,5 [ERROR] é\r\n10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "POST /x HTTP/1.1" 404 - "-" "-"\r\nlast';
    const items = expectSameForEverySplit(() => new TextParser({ now: NOW }), text);
    expect(items.map((item) => item.line)).toEqual([1, 3, 4]);
  });

  it('reports a line over 1 MiB and goes on with the next', () => {
    const items = parse(`2024-12-10T06:55:46Z a\n${'x'.repeat(MAX_RECORD_BYTES + 1)}\n2024-12-10T06:55:47Z b`);
    expect(items).toEqual([
      { line: 1, raw: { timestamp: Date.UTC(2024, 11, 10, 6, 55, 46), message: 'a' } },
      { line: 2, error: 'line exceeds 1 MiB' },
      { line: 3, raw: { timestamp: Date.UTC(2024, 11, 10, 6, 55, 47), message: 'b' } },
    ]);
  });

  it('stops growing a message at 1 MiB and says so once', () => {
    const continuation = `  ${'y'.repeat(300 * 1024)}`;
    const items = parse(['2024-12-10T06:55:46Z start', ...Array(5).fill(continuation)].join('\n'));
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({ line: 5, error: 'record exceeds 1 MiB: continuation lines from here on were dropped' });
    const message = rawOf(items[1]).message as string;
    expect(message.split('\n')).toHaveLength(4);
  });
});

describe('TextParser: timestamps in the header', () => {
  it('starts records at a timestamp after a leading column and keeps the whole line as the message', () => {
    const bgl = '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO cache parity error corrected';
    expect(parse(`${bgl}\n${bgl.replace('1117838570', '1117838571')}`)).toEqual([
      { line: 1, raw: { timestamp: Date.UTC(2005, 5, 3, 22, 42, 50), level: 'INFO', message: bgl } },
      { line: 2, raw: { timestamp: Date.UTC(2005, 5, 3, 22, 42, 51), level: 'INFO', message: bgl.replace('1117838570', '1117838571') } },
    ]);
  });

  it('does not split a record at a time quoted in its stack trace once records start at column 0', () => {
    const text = '2024-12-10T06:55:46Z ERROR job failed\njob.Error: deadline 2024-12-10 07:00:00 passed\nretry at 2024-12-10 07:05:00 scheduled';
    const items = parse(text);
    expect(items).toHaveLength(1);
    expect(rawOf(items[0]).message).toBe('ERROR job failed\njob.Error: deadline 2024-12-10 07:00:00 passed\nretry at 2024-12-10 07:05:00 scheduled');
  });

  it('lets an explicit header level win over words in the message', () => {
    const items = parse('2016-09-28 04:30:31, Info                  CBS    Warning: Unrecognized packageExtended attribute.');
    expect(rawOf(items[0]).level).toBe('INFO');
  });

  it('reads logcat records with the year inferred and the priority letter as level', () => {
    expect(parse('03-17 16:13:40.120  2227  2227 E AndroidRuntime: FATAL EXCEPTION: main\n')).toEqual([
      { line: 1, raw: { timestamp: Date.UTC(2024, 2, 17, 16, 13, 40, 120), level: 'ERROR', message: '2227  2227 E AndroidRuntime: FATAL EXCEPTION: main' } },
    ]);
  });
});
