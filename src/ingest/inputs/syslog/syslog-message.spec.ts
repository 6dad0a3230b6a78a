import { parseSyslog } from './syslog-message';

const record = (text: string) => {
  const parsed = parseSyslog(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.record;
};

describe('parseSyslog', () => {
  it('reads RFC 5424 with structured data, PROCID and MSGID', () => {
    expect(record('<165>1 2026-12-02T03:55:00.123456+00:00 web-1 nginx 4242 ID47 [exampleSDID@32473 iut="3" eventSource="App\\"lication"][meta seq="1"] \uFEFFdisk full')).toEqual({
      '@timestamp': '2026-12-02T03:55:00.123456+00:00', server: 'web-1', service: 'nginx', message: 'disk full', level: 'notice',
      syslog: { facility: 'local4', severity: 'notice', version: 1, procid: '4242', msgid: 'ID47', sd: { 'exampleSDID@32473': { iut: '3', eventSource: 'App"lication' }, meta: { seq: '1' } } },
    });
    expect(record('<11>1 - - - - - -')).toEqual({ message: '', level: 'err', syslog: { facility: 'user', severity: 'err', version: 1 } });
  });

  it('reads RFC 3164 with and without year, host and pid', () => {
    expect(record('<13>Dec  2 03:55:00 myhost sshd[123]: Accepted key')).toMatchObject({
      '@timestamp': 'Dec 2 03:55:00', server: 'myhost', service: 'sshd', message: 'Accepted key', level: 'notice', syslog: { facility: 'user', procid: '123' },
    });
    expect(record('<30>2026-12-02T03:55:00.1+01:00 db-2 postgres: checkpoint')).toMatchObject({ '@timestamp': '2026-12-02T03:55:00.1+01:00', server: 'db-2', service: 'postgres' });
    expect(record('<0>Dec 12 10:00:00 cron: job done')).toMatchObject({ service: 'cron', message: 'job done', level: 'emerg' });
    expect(record('<14>just a message')).toEqual({ message: 'just a message', level: 'info', syslog: { facility: 'user', severity: 'info' } });
  });

  it('rejects a missing or invalid PRI and broken structured data with a reason', () => {
    expect(parseSyslog('hello')).toMatchObject({ error: 'invalid PRI' });
    expect(parseSyslog('<192>x')).toMatchObject({ error: 'invalid PRI' });
    expect(parseSyslog('<013>x')).toMatchObject({ error: 'invalid PRI' });
    expect(parseSyslog('<1a>x')).toMatchObject({ error: 'invalid PRI' });
    expect(parseSyslog('<13>1 - h a - - [id k="v] msg')).toMatchObject({ error: 'invalid structured data' });
    expect(parseSyslog('<13>1 short')).toMatchObject({ error: 'invalid RFC 5424 header' });
  });
});
