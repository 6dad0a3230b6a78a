import { createParser } from './create-parser';
import { collect, expectSameForEverySplit } from './parser-testing';
import { LINE_DOES_NOT_MATCH } from './rule-text-parser';

const NOW = Date.UTC(2026, 11, 1, 12);
const logcat = () => createParser('text', { now: NOW, rule: { format: 'logcat' } });

describe('RuleTextParser', () => {
  it('starts a record at each matching line, appends the lines that do not match, rejects those before the first', () => {
    const text = [
      'beginning of main',
      '03-17 16:13:40.120  2227  2227 E AndroidRuntime: FATAL EXCEPTION: main',
      'java.lang.RuntimeException: boom',
      '\tat com.example.Main.onCreate(Main.java:10)',
      '03-17 16:13:41.000   512   530 V AudioFlinger: start',
    ].join('\n');
    const items = expectSameForEverySplit(logcat, text);
    expect(items).toEqual([
      { line: 1, error: LINE_DOES_NOT_MATCH },
      {
        line: 2,
        raw: {
          timestamp: '2026-03-17T16:13:40.120Z', pid: 2227, tid: 2227, level: 'E', tag: 'AndroidRuntime',
          message: 'FATAL EXCEPTION: main\njava.lang.RuntimeException: boom\n\tat com.example.Main.onCreate(Main.java:10)',
        },
      },
      { line: 5, raw: { timestamp: '2026-03-17T16:13:41.000Z', pid: 512, tid: 530, level: 'V', tag: 'AudioFlinger', message: 'start' } },
    ]);
  });

  it('is chosen for any format once a rule is given', () => {
    const items = collect(createParser('ndjson', { now: NOW, rule: { pattern: '%{WORD:user} %{GREEDYDATA:msg}' } }), ['bob hello\n']);
    expect(items).toEqual([{ line: 1, raw: { user: 'bob', msg: 'hello' } }]);
  });
});
