import { compileRule, InvalidRuleError, ParseRuleSpec } from './parse-rule';
import { NAMED_FORMATS } from './named-formats';

const NOW = Date.UTC(2026, 11, 1, 12);
const match = (spec: ParseRuleSpec, line: string) => compileRule(spec).match(line, NOW);

function ruleError(spec: ParseRuleSpec): InvalidRuleError {
  try {
    compileRule(spec);
  } catch (err) {
    if (err instanceof InvalidRuleError) return err;
    throw err;
  }
  throw new Error('compiled');
}

describe('parsing rules: grok patterns', () => {
  it('captures the named fields of the issue example, typed where asked', () => {
    const spec = { pattern: '%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} \\[%{WORD:thread}\\] took %{INT:took_ms:int} ms: %{GREEDYDATA:message}' };
    expect(match(spec, '2024-12-10 06:55:46,123 WARN [main] took 812 ms: slow query')).toEqual({
      ts: '2024-12-10 06:55:46,123', level: 'WARN', thread: 'main', took_ms: 812, message: 'slow query',
    });
  });

  it('matches from the start of the line and answers null otherwise', () => {
    expect(match({ pattern: '%{INT:n} apples' }, 'I have 3 apples')).toBeNull();
    expect(match({ pattern: '%{INT:n} apples' }, '3 apples and more')).toEqual({ n: '3', message: '3 apples and more' });
  });

  it('keeps the first alternative that captured a field used twice', () => {
    const spec = { pattern: '(?:%{INT:code:int}|%{WORD:code}) end' };
    expect(match(spec, '42 end')).toEqual({ code: 42, message: '42 end' });
    expect(match(spec, 'abc end')).toEqual({ code: 'abc', message: 'abc end' });
  });

  it('takes regex named groups inside grok and in regex mode', () => {
    expect(match({ pattern: '(?P<user>\\w+)=%{INT:n}' }, 'bob=4')).toEqual({ n: '4', user: 'bob', message: 'bob=4' });
    expect(match({ pattern: '(?<host>[a-z0-9]+) %{x}', patternType: 'regex' }, 'web01 %{x}')).toEqual({ host: 'web01', message: 'web01 %{x}' });
  });

  it('reads the timestamp with the rule’s format, the year inferred when the format has none', () => {
    expect(match({ pattern: '%{NOTSPACE:ts} %{GREEDYDATA:message}', timestampFormat: 'yyyyMMdd-HH:mm:ss:SSS' }, '20171223-22:15:29:606 step')).toEqual({
      ts: '2017-12-23T22:15:29.606Z', message: 'step',
    });
    const yearless = { pattern: '\\[(?P<time>[^\\]]+)\\] %{GREEDYDATA:message}', timestampFormat: 'MM.dd HH:mm:ss' };
    expect(match(yearless, '[12.24 09:00:00] open')!.time).toBe('2025-12-24T09:00:00.000Z');
    expect(match(yearless, '[10.30 16:49:06] open')!.time).toBe('2026-10-30T16:49:06.000Z');
  });

  it('leaves a timestamp that does not fit the format as text', () => {
    expect(match({ pattern: '%{NOTSPACE:ts} %{GREEDYDATA:message}', timestampFormat: 'yyyy-MM-dd' }, 'yesterday x')!.ts).toBe('yesterday');
  });

  it('runs untrusted patterns in linear time: a catastrophic backtracking pattern still answers', () => {
    const rule = compileRule({ pattern: '(?P<a>(a+)+)$', patternType: 'regex' });
    expect(rule.match(`${'a'.repeat(30_000)}!`, NOW)).toBeNull();
    expect(rule.match('aaaa', NOW)).toEqual({ a: 'aaaa', message: 'aaaa' });
  });
});

describe('parsing rules: errors name the part and the position', () => {
  it.each<[string, ParseRuleSpec, InvalidRuleError['field'], number | null, RegExp]>([
    ['unknown grok name', { pattern: 'x %{NOPE:y}' }, 'pattern', 2, /no such grok pattern/],
    ['unclosed reference', { pattern: '%{INT:a} %{WORD' }, 'pattern', 9, /without a closing/],
    ['bad field type', { pattern: '%{INT:a:date}' }, 'pattern', 0, /int or float/],
    ['regex syntax after a reference', { pattern: '%{INT:a} (b' }, 'pattern', 9, /missing closing \)/],
    ['backreference (not linear)', { pattern: '(?P<a>x)\\1', patternType: 'regex' }, 'pattern', 8, /invalid escape/],
    ['no field captured', { pattern: 'just text' }, 'pattern', 0, /captures no field/],
    ['unknown format', { format: 'cobol' }, 'format', null, /must be one of/],
    ['format and pattern', { format: 'syslog', pattern: '%{INT:a}' }, 'pattern', null, /not both/],
    ['unknown timestamp letter', { pattern: '%{INT:a}', timestampFormat: 'yyyy-MM-dd Q' }, 'timestamp_format', 11, /unknown timestamp format letter Q/],
  ])('%s', (_name, spec, field, position, problem) => {
    const err = ruleError(spec);
    expect(err.field).toBe(field);
    expect(err.position).toBe(position);
    expect(err.problem).toMatch(problem);
  });
});

describe('parsing rules: named formats read their documented example', () => {
  const expected: Record<string, Record<string, unknown>> = {
    syslog: { timestamp: 'Dec 10 06:55:46', host: 'web01', program: 'sshd', pid: 4242 },
    syslog_rfc5424: { priority: 165, timestamp: '2003-10-11T22:14:15.003Z', host: 'mymachine.example.com', program: 'evntslog', msgid: 'ID47', message: 'An application event' },
    apache_error: { timestamp: 'Sun Dec 04 04:47:44 2005', level: 'error', client_ip: '10.0.0.5', message: 'File does not exist: /var/www/favicon.ico' },
    apache_access: { client_ip: '127.0.0.1', user_id: 'frank', timestamp: '2000-10-10T20:55:36.000Z', method: 'GET', endpoint: '/apache_pb.gif', status_code: 200, bytes: 2326 },
    nginx_access: { client_ip: '10.0.0.5', timestamp: '2024-12-10T06:55:46.000Z', method: 'GET', endpoint: '/api/products/42', status_code: 200, user_agent: 'curl/8.5.0' },
    nginx_error: { timestamp: '2024-12-10T06:55:46.000Z', level: 'error', pid: 1234, tid: 0, connection: 5 },
    log4j: { timestamp: '2024-12-10 06:55:46,123', thread: 'main', level: 'INFO', logger: 'com.example.App', message: 'Started in 2.1 s' },
    logcat: { timestamp: '2026-03-17T16:13:38.811Z', pid: 1702, tid: 2395, level: 'D', tag: 'WindowManager', message: 'printFreezingDisplayLogs' },
    klog: { level: 'I', timestamp: '2026-12-10T06:55:46.123Z'.replace('2026', '2025'), thread_id: 4242, source_file: 'controller.go', source_line: 117 },
    python: { timestamp: '2024-12-10 06:55:46,123', logger: 'payments.worker', level: 'WARNING', message: 'retrying charge 42' },
    hdfs: { timestamp: '2008-11-09T20:36:15.000Z', pid: 148, level: 'INFO', component: 'dfs.DataNode$PacketResponder' },
    spark: { timestamp: '2017-06-09T20:10:40.000Z', level: 'INFO', component: 'executor.CoarseGrainedExecutorBackend' },
  };

  it('has an expectation for every named format', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(NAMED_FORMATS).sort());
  });

  it.each(Object.entries(NAMED_FORMATS))('%s', (name, format) => {
    const raw = match({ format: name }, format.example);
    expect(raw).toEqual(expect.objectContaining(expected[name]));
  });
});
