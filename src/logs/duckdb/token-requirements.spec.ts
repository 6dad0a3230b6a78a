import { parseQuery } from '../query/query-parser';
import { tokenRequirement } from './token-requirements';

const req = (q: string) => tokenRequirement(parseQuery(q));
const word = (token: string) => ({ kind: 'word', token });

describe('tokenRequirement', () => {
  it('requires each ASCII word of a word or phrase, lower-cased', () => {
    expect(req('Timeout')).toEqual(word('timeout'));
    expect(req('"Connection reset"')).toEqual({ kind: 'and', children: [word('connection'), word('reset')] });
    expect(req('message:foo.bar')).toEqual({ kind: 'and', children: [word('foo'), word('bar')] });
  });

  it('requires nothing of a word with non-ASCII letters, but keeps the phrase’s other words', () => {
    expect(req('naïve')).toBeNull();
    expect(req('"naïve timeout"')).toEqual(word('timeout'));
  });

  it('requires field=value of an exact match on an indexed keyword field only', () => {
    expect(req('correlation_id:"abc-1"')).toEqual({ kind: 'field', token: 'correlation_id=abc-1' });
    expect(req('service:api')).toBeNull();
    expect(req('user_id:u1 AND service:api')).toEqual({ kind: 'field', token: 'user_id=u1' });
  });

  it('keeps AND parts it knows, an OR only when every branch is known, and nothing of NOT, wildcards, ranges', () => {
    expect(req('timeout OR reset')).toEqual({ kind: 'or', children: [word('timeout'), word('reset')] });
    expect(req('timeout OR level:ERROR')).toBeNull();
    expect(req('timeout AND -reset')).toEqual(word('timeout'));
    for (const q of ['-timeout', 'NOT user_id:u1', 'time*', '/time.*/', 'status_code:>=500', '_exists_:user_id', '*']) expect(req(q)).toBeNull();
  });
});
