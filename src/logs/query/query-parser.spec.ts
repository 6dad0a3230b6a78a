import { QueryNode, wildcardSegments } from './query-ast';
import { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH, parseQuery } from './query-parser';
import { QuerySyntaxError } from './query-syntax-error';

const term = (value: string, field: string | null = null, position?: number) =>
  expect.objectContaining({ kind: 'term', field, value, ...(position === undefined ? {} : { position }) });
const not = (child: unknown) => ({ kind: 'not', child });
const and = (...children: unknown[]) => ({ kind: 'and', children });
const or = (...children: unknown[]) => ({ kind: 'or', children });

function syntaxError(input: string): QuerySyntaxError {
  try {
    parseQuery(input);
  } catch (e) {
    if (e instanceof QuerySyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed without error: ${input}`);
}

describe('parseQuery', () => {
  describe('terms', () => {
    it('matches everything for an empty query, whitespace, * and *:*', () => {
      for (const q of ['', '   ', '*', '*:*']) expect(parseQuery(q)).toEqual({ kind: 'match_all' });
    });

    it('reads a bare word as free text with its position', () => {
      expect(parseQuery('  timeout')).toEqual({ kind: 'term', field: null, value: 'timeout', position: 2 });
    });

    it('joins words separated by whitespace with AND', () => {
      expect(parseQuery('payment failed')).toEqual(and(term('payment'), term('failed', null, 8)));
    });

    it('reads phrases with escaped quotes and backslashes', () => {
      expect(parseQuery('"connection reset"')).toEqual({ kind: 'phrase', field: null, value: 'connection reset', position: 0 });
      expect(parseQuery('"say \\"hi\\" \\\\ bye"')).toMatchObject({ kind: 'phrase', value: 'say "hi" \\ bye' });
    });

    it('reads * and ? as wildcards, and escaped ones as literals', () => {
      expect(parseQuery('time*')).toEqual({ kind: 'wildcard', field: null, pattern: 'time*', position: 0 });
      expect(parseQuery('t?me')).toMatchObject({ kind: 'wildcard', pattern: 't?me' });
      expect(parseQuery('a\\*b')).toEqual(term('a*b'));
      const node = parseQuery('a\\*b*') as { pattern: string };
      expect(wildcardSegments(node.pattern)).toEqual([{ kind: 'literal', text: 'a*b' }, { kind: 'any' }]);
    });

    it('reads /regex/ with \\/ unescaped and other escapes kept', () => {
      expect(parseQuery('/tim(e|ed)out/')).toEqual({ kind: 'regex', field: null, pattern: 'tim(e|ed)out', position: 0 });
      expect(parseQuery('/a\\/b\\d+/')).toMatchObject({ kind: 'regex', pattern: 'a/b\\d+' });
      expect(parseQuery('(/x y/)')).toMatchObject({ kind: 'regex', pattern: 'x y' });
    });

    it('keeps path-like values that are not regexes', () => {
      expect(parseQuery('endpoint:/api/users')).toEqual(term('/api/users', 'endpoint', 9));
      expect(parseQuery('/health')).toEqual(term('/health'));
      expect(parseQuery('endpoint:/api/*')).toMatchObject({ kind: 'wildcard', field: 'endpoint', pattern: '/api/*' });
    });

    it('treats lower-case and/or/not as words', () => {
      expect(parseQuery('could not connect')).toEqual(and(term('could'), term('not'), term('connect')));
    });

    it('unescapes special characters in words', () => {
      expect(parseQuery('a\\:b \\(x\\)')).toEqual(and(term('a:b'), term('(x)')));
    });
  });

  describe('fields', () => {
    it('reads field:value, field:"quoted" and field names with . @ - _ digits', () => {
      expect(parseQuery('level:ERROR')).toEqual({ kind: 'term', field: 'level', value: 'ERROR', position: 6 });
      expect(parseQuery('user_id:"user-123"')).toMatchObject({ kind: 'phrase', field: 'user_id', value: 'user-123' });
      expect(parseQuery('http.method:GET')).toEqual(term('GET', 'http.method'));
      expect(parseQuery('@timestamp:1700000000000')).toEqual(term('1700000000000', '@timestamp'));
      expect(parseQuery('x-forwarded-for2:1.2.3.4')).toEqual(term('1.2.3.4', 'x-forwarded-for2'));
    });

    it('allows colons inside a field value and a space after the colon', () => {
      expect(parseQuery('client_ip:fe80::1')).toEqual(term('fe80::1', 'client_ip'));
      expect(parseQuery('level: ERROR')).toEqual(term('ERROR', 'level'));
    });

    it('reads comparisons, Lucene and KQL style', () => {
      const expected = { kind: 'comparison', field: 'status_code', operator: '>=', value: '500' };
      expect(parseQuery('status_code:>=500')).toEqual({ ...expected, position: 14 });
      expect(parseQuery('status_code >= 500')).toEqual({ ...expected, position: 15 });
      expect(parseQuery('status_code:<5')).toMatchObject({ operator: '<', value: '5' });
      expect(parseQuery('@timestamp:>2024-05-01T10:00:00Z')).toMatchObject({ operator: '>', value: '2024-05-01T10:00:00Z' });
    });

    it('reads inclusive, exclusive, mixed and open ranges', () => {
      expect(parseQuery('response_time_ms:[100 TO 500]')).toEqual({
        kind: 'range',
        field: 'response_time_ms',
        lower: { value: '100', inclusive: true, position: 18 },
        upper: { value: '500', inclusive: true, position: 25 },
        position: 17,
      });
      expect(parseQuery('x:{a TO b}')).toMatchObject({ lower: { value: 'a', inclusive: false }, upper: { value: 'b', inclusive: false } });
      expect(parseQuery('x:[1 TO 5}')).toMatchObject({ lower: { inclusive: true }, upper: { inclusive: false } });
      expect(parseQuery('x:[* TO 5]')).toMatchObject({ lower: null, upper: { value: '5' } });
      expect(parseQuery('@timestamp:[2024-05-01T00:00:00Z TO *]')).toMatchObject({ lower: { value: '2024-05-01T00:00:00Z' }, upper: null });
      expect(parseQuery('x:["a b" TO "c"]')).toMatchObject({ lower: { value: 'a b' }, upper: { value: 'c' } });
    });

    it('applies the field to every value of a group', () => {
      expect(parseQuery('service:(auth OR payment)')).toEqual(or(term('auth', 'service'), term('payment', 'service')));
      expect(parseQuery('service:(auth -"pay ment" web*)')).toEqual(
        and(
          term('auth', 'service'),
          not(expect.objectContaining({ kind: 'phrase', field: 'service' })),
          expect.objectContaining({ kind: 'wildcard', field: 'service' }),
        ),
      );
      expect(parseQuery('status_code:(>=500 OR 404)')).toEqual(
        or(expect.objectContaining({ kind: 'comparison', field: 'status_code' }), term('404', 'status_code')),
      );
    });

    it('reads _exists_:field and field:*', () => {
      expect(parseQuery('_exists_:sql_query')).toEqual({ kind: 'exists', field: 'sql_query', position: 9 });
      expect(parseQuery('sql_query:*')).toEqual({ kind: 'exists', field: 'sql_query', position: 10 });
    });
  });

  describe('operators', () => {
    it('reads NOT, -, ! and + prefixes', () => {
      expect(parseQuery('-level:DEBUG')).toEqual(not(term('DEBUG', 'level')));
      expect(parseQuery('NOT timeout')).toEqual(not(term('timeout')));
      expect(parseQuery('!timeout')).toEqual(not(term('timeout')));
      expect(parseQuery('+timeout')).toEqual(term('timeout'));
      expect(parseQuery('NOT NOT a')).toEqual(not(not(term('a'))));
    });

    it('reads a lone - or a hyphenated word as a word', () => {
      expect(parseQuery('a - b')).toEqual(and(term('a'), term('-'), term('b')));
      expect(parseQuery('re-try')).toEqual(term('re-try'));
    });

    it('accepts && and || as AND and OR', () => {
      expect(parseQuery('a && b || c')).toEqual(or(and(term('a'), term('b')), term('c')));
    });

    it('binds NOT tighter than AND, and AND tighter than OR', () => {
      expect(parseQuery('a OR b AND NOT c')).toEqual(or(term('a'), and(term('b'), not(term('c')))));
      expect(parseQuery('a b OR c d')).toEqual(or(and(term('a'), term('b')), and(term('c'), term('d'))));
      expect(parseQuery('NOT a OR b')).toEqual(or(not(term('a')), term('b')));
    });

    it('groups with parentheses', () => {
      expect(parseQuery('(a OR b) AND c')).toEqual(and(or(term('a'), term('b')), term('c')));
      expect(parseQuery('-(a OR b)')).toEqual(not(or(term('a'), term('b'))));
      expect(parseQuery('level:ERROR (timeout OR "connection reset")')).toEqual(
        and(term('ERROR', 'level'), or(term('timeout'), expect.objectContaining({ kind: 'phrase' }))),
      );
    });
  });

  describe('errors', () => {
    it.each([
      ['level:', 'a value', 6],
      ['(a OR b', "')'", 7],
      ['"open', "'\"'", 5],
      ['status_code:[1 TO', 'a value', 17],
      ['status_code:[1 TO 5', "']' or '}'", 19],
      ['status_code:[1 5]', "'TO'", 15],
      ['AND x', 'a search term', 0],
      ['x AND', 'a search term', 5],
      ['a OR OR b', 'a search term', 5],
      ['a)', 'end of query', 1],
      ['()', 'a search term', 1],
      ['>500', 'a field name', 0],
      ['status_code:>=', 'a value', 14],
      ['_exists_:', 'a field name', 9],
      ['_exists_:"x"', 'a field name', 9],
      ['fo$o:bar', 'a field name', 0],
      ['foo\\', "a character after '\\'", 4],
      ['service:(auth OR', 'a search term', 16],
      ['level:ERROR NOT', 'a search term', 15],
    ])('%j: expected %s at %d', (input, expected, position) => {
      const error = syntaxError(input);
      expect(error).toMatchObject({ expected, position });
      expect(error.message).toBe(`Expected ${expected} at position ${position}`);
    });

    it('rejects queries longer than the cap', () => {
      expect(parseQuery('a'.repeat(MAX_QUERY_LENGTH))).toMatchObject({ kind: 'term' });
      expect(syntaxError('a'.repeat(MAX_QUERY_LENGTH + 1))).toMatchObject({ position: MAX_QUERY_LENGTH });
    });

    it('rejects nesting deeper than the cap instead of overflowing the stack', () => {
      const deep = (n: number) => '('.repeat(n) + 'a' + ')'.repeat(n);
      expect(parseQuery(deep(MAX_QUERY_DEPTH - 1))).toEqual(term('a'));
      expect(syntaxError(deep(2000)).expected).toMatch(/levels of nesting/);
      expect(syntaxError('-'.repeat(2000) + 'a').expected).toMatch(/levels of nesting/);
      expect(syntaxError('NOT '.repeat(1000) + 'a').expected).toMatch(/levels of nesting/);
    });
  });

  it('keeps AST nodes serializable', () => {
    const node: QueryNode = parseQuery('level:ERROR AND (status_code:[500 TO *] OR /x/) -tags:beta');
    expect(JSON.parse(JSON.stringify(node))).toEqual(node);
  });
});
