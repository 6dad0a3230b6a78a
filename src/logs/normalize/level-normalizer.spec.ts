import { detectLevelInText, normalizeLevel } from './level-normalizer';

describe('normalizeLevel', () => {
  it.each<[unknown, string]>([
    ['trace', 'TRACE'],
    ['TRACE', 'TRACE'],
    ['verbose', 'TRACE'],
    ['debug', 'DEBUG'],
    ['Debug', 'DEBUG'],
    ['dEbUg', 'DEBUG'],
    ['info', 'INFO'],
    ['Information', 'INFO'],
    ['NOTICE', 'INFO'],
    ['warn', 'WARNING'],
    ['Warning', 'WARNING'],
    ['err', 'ERROR'],
    ['ERROR', 'ERROR'],
    ['severe', 'ERROR'],
    ['fatal', 'CRITICAL'],
    ['crit', 'CRITICAL'],
    ['Critical', 'CRITICAL'],
    ['alert', 'CRITICAL'],
    ['emerg', 'CRITICAL'],
    ['EMERGENCY', 'CRITICAL'],
    ['panic', 'CRITICAL'],
    ['  warn \n', 'WARNING'],
    ['E', 'ERROR'],
    ['w', 'WARNING'],
    ['I', 'INFO'],
    ['D', 'DEBUG'],
    ['F', 'CRITICAL'],
    [10, 'TRACE'],
    [20, 'DEBUG'],
    [30, 'INFO'],
    [40, 'WARNING'],
    [50, 'ERROR'],
    [60, 'CRITICAL'],
    [35, 'INFO'],
    [100, 'CRITICAL'],
    ['30', 'INFO'],
    [' 50 ', 'ERROR'],
  ])('%p → %s', (input, expected) => {
    expect(normalizeLevel(input)).toBe(expected);
  });

  it.each<unknown>(['', '  ', 'loud', 'warnings', 'x', 0, 5, -30, NaN, '5', '30abc', null, undefined, true, {}, ['error']])(
    'returns null for %p',
    (input) => {
      expect(normalizeLevel(input)).toBeNull();
    },
  );
});

describe('detectLevelInText', () => {
  it.each([
    ['ERROR something broke', 'ERROR'],
    ['[warn] disk almost full', 'WARNING'],
    ['[WARN ] padded log4j level', 'WARNING'],
    ['<E> native crash', 'ERROR'],
    ['(debug) cache miss', 'DEBUG'],
    ['level=error msg="boom"', 'ERROR'],
    ['ts=1 level="warn" msg=x', 'WARNING'],
    ['severity: critical disk failure', 'CRITICAL'],
    ['[main] INFO com.example.App - started', 'INFO'],
    ['- app - CRITICAL - out of memory', 'CRITICAL'],
    ['Error: ENOENT no such file', 'ERROR'],
    ['warning: deprecated flag', 'WARNING'],
    ['web01 sshd[42]: FATAL: could not bind', 'CRITICAL'],
    ['[I] server listening', 'INFO'],
    ['LOG:  statement: select 1', 'INFO'],
    ['web01 sshd[42]: error: auth failed', 'ERROR'],
  ])('%s → %s', (text, expected) => {
    expect(detectLevelInText(text)).toBe(expected);
  });

  it.each([
    'could not fetch info for user',
    'user error rate is rising',
    'processing item (a) failed',
    'GET /api/users 200',
    '',
    'levelheaded=true msg=ok',
    'retrying: the info was stale',
    `${'x'.repeat(200)} ERROR too far from the start`,
  ])('returns null for %j', (text) => {
    expect(detectLevelInText(text)).toBeNull();
  });
});
