import { parseAccessLogLine } from './access-log-line';

const NOW = Date.UTC(2024, 11, 10, 12);
const T = Date.UTC(2000, 9, 10, 20, 55, 36);

describe('parseAccessLogLine', () => {
  it('parses a combined log line', () => {
    const line = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif?x=1 HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"';
    expect(parseAccessLogLine(line, NOW)).toEqual({
      timestamp: T,
      client_ip: '127.0.0.1',
      user_id: 'frank',
      method: 'GET',
      endpoint: '/apache_pb.gif?x=1',
      status_code: 200,
      bytes: 2326,
      referrer: 'http://www.example.com/start.html',
      user_agent: 'Mozilla/4.08 [en] (Win98; I ;Nav)',
    });
  });

  it('parses a common log line with dashes for unknown values', () => {
    expect(parseAccessLogLine('::1 - - [10/Oct/2000:13:55:36 -0700] "POST /login HTTP/1.1" 302 -', NOW)).toEqual({
      timestamp: T,
      client_ip: '::1',
      user_id: null,
      method: 'POST',
      endpoint: '/login',
      status_code: 302,
      bytes: null,
      referrer: null,
      user_agent: null,
    });
  });

  it('unescapes quotes in the user agent and keeps a malformed request line out of method/endpoint', () => {
    const entry = parseAccessLogLine('10.0.0.9 - - [10/Oct/2000:13:55:36 +0000] "-" 400 0 "-" "evil \\"agent\\""', NOW);
    expect(entry).toMatchObject({ method: null, endpoint: null, status_code: 400, bytes: 0, referrer: null, user_agent: 'evil "agent"' });
  });

  it('takes a request line without protocol', () => {
    expect(parseAccessLogLine('h - - [10/Oct/2000:13:55:36 +0000] "GET /x" 200 5', NOW)).toMatchObject({ method: 'GET', endpoint: '/x' });
  });

  it.each([
    'just a sentence with [brackets] in it',
    '2024-12-10T06:55:46Z INFO hello',
    '127.0.0.1 - frank [not a date] "GET / HTTP/1.0" 200 1',
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] GET / 200 1',
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" OK 1',
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0',
    '127.0.0.1 - two words [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1',
    ' 127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1',
    '',
  ])('returns null for %j', (line) => {
    expect(parseAccessLogLine(line, NOW)).toBeNull();
  });
});
