import { InvalidQueryError } from '../query/invalid-query-error';
import { parseQuery } from '../query/query-parser';
import { compileQuery, scopeQuery } from './elasticsearch-query-compiler';
import { literalSource, re2ToLucene, wildcardSource } from './lucene-regex';

// What Elasticsearch does with these strings is checked against a real node in
// test/integration/elasticsearch-log-store.int-spec.ts; these pin the translation itself.
describe('RE2 to Lucene regexp', () => {
  it('searches anywhere unless anchored, and turns edge anchors into edges', () => {
    expect(re2ToLucene('ab', { anchored: false })).toBe('.*ab.*');
    expect(re2ToLucene('^ab$', { anchored: false })).toBe('ab');
    expect(re2ToLucene('^ab', { anchored: false })).toBe('ab.*');
    expect(re2ToLucene('ab', { anchored: true })).toBe('ab');
    expect(re2ToLucene('a|^b', { anchored: false })).toBe('(.*a.*)|(b.*)');
  });

  it('escapes punctuation, expands case when insensitive, keeps repetitions', () => {
    expect(re2ToLucene('a\\.b', { anchored: true })).toBe('a\\.b');
    expect(re2ToLucene('(?i)ab', { anchored: true })).toBe('[Aa][Bb]');
    expect(re2ToLucene('x{2,3}y+', { anchored: true })).toBe('x{2,3}y+');
    expect(literalSource('é%', true)).toBe('[Éé]\\%');
    expect(wildcardSource([{ kind: 'literal', text: 'a.' }, { kind: 'any' }], false)).toBe('a\\..*');
  });

  it('refuses what RE2 refuses and what Lucene cannot say', () => {
    for (const bad of ['(unclosed', 'a)', '*a', 'x{1001}', '[z-a]', '\\p{Nope}', 'a\\bb', '\\B', '(a^b)', '(?=a)']) {
      expect(() => re2ToLucene(bad, { anchored: false })).toThrow(InvalidQueryError);
    }
  });
});

describe('Elasticsearch query compiler', () => {
  it('always filters on the tenant and the inclusive time range', () => {
    expect(scopeQuery({ tenantId: 't1', query: parseQuery(''), from: 1, to: 2 })).toEqual({
      bool: { filter: [{ term: { tenant_id: 't1' } }, { range: { '@timestamp': { gte: 1, lte: 2 } } }, { match_all: {} }] },
    });
  });

  it('pushes NOT down to leaves, so a negated leaf keeps records without the field', () => {
    expect(compileQuery(parseQuery('NOT (service:a AND level:ERROR)'))).toEqual({
      bool: {
        should: [{ bool: { must_not: [{ term: { service: 'a' } }] } }, { bool: { must_not: [{ term: { level: 'ERROR' } }] } }],
        minimum_should_match: 1,
      },
    });
  });
});
