import { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { QueryNode } from '../query/query-ast';
import { parseQuery } from '../query/query-parser';
import { QuerySyntaxError } from '../query/query-syntax-error';
import { compileToDuckDb } from './duckdb-query-compiler';
import { CREATE_LOGS_TABLE, LOGS_TABLE } from './duckdb-schema';

const INJECTION = "'; DROP TABLE logs; --";

interface Row {
  id: string;
  ts: string;
  level: string;
  message: string;
  service?: string;
  user_id?: string;
  endpoint?: string;
  status_code?: number;
  response_time_ms?: number;
  sql_query?: string;
  tags?: string[];
  fields?: Record<string, string>;
}

const ROWS: Row[] = [
  {
    id: 'r1', ts: '2024-05-01T10:00:00Z', level: 'ERROR', message: 'Connection timeout after 30s', service: 'auth',
    user_id: 'user-123', endpoint: '/api/users', status_code: 504, response_time_ms: 30000.5, tags: ['prod', 'beta'],
    fields: { 'http.method': 'GET', duration: '120' },
  },
  {
    id: 'r2', ts: '2024-05-01T23:59:59.999Z', level: 'WARNING', message: 'Request timed out: TIMEOUT=5', service: 'payment',
    endpoint: '/api/users/42', status_code: 200, response_time_ms: 120, tags: [], fields: { duration: '99' },
  },
  { id: 'r3', ts: '2024-05-02T00:00:00Z', level: 'DEBUG', message: 'cache hit for key 50%_off', user_id: INJECTION, endpoint: '/api/items' },
  {
    id: 'r4', ts: '2024-04-30T12:00:00Z', level: 'INFO', message: 'Café ÉCOLE naïve — connection  reset by peer', service: 'auth',
    user_id: 'user_123', status_code: 500, response_time_ms: 499.9, tags: ['prod'], fields: { 'http.method': 'POST' },
  },
  {
    id: 'r5', ts: '2024-05-01T00:00:00Z', level: 'CRITICAL', message: 'timeouts everywhere; retimeout; time-out', service: 'web',
    status_code: 404, response_time_ms: 100, sql_query: 'SELECT 1', tags: ['edge%'], fields: { note: '100%' },
  },
];

describe('compileToDuckDb against DuckDB', () => {
  let instance: DuckDBInstance;
  let db: DuckDBConnection;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    db = await instance.connect();
    await db.run(CREATE_LOGS_TABLE);
    for (const r of ROWS) {
      const ms = Date.parse(r.ts);
      const values: DuckDBValue[] = [
        r.id, ms, ms, r.level, r.message, r.service ?? null, r.user_id ?? null, r.endpoint ?? null, r.status_code ?? null,
        r.response_time_ms ?? null, r.sql_query ?? null, r.tags ? JSON.stringify(r.tags) : null, r.fields ? JSON.stringify(r.fields) : null,
      ];
      await db.run(
        `INSERT INTO ${LOGS_TABLE} (id, tenant_id, ts, ingested_at, level, message, service, user_id, endpoint, status_code,
           response_time_ms, sql_query, tags, fields) VALUES (?, 't1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(?::JSON AS VARCHAR[]), ?)`,
        values,
      );
    }
  });

  afterAll(() => {
    db.closeSync();
    instance.closeSync();
  });

  async function idsFor(query: string | QueryNode): Promise<string[]> {
    const { sql, params } = compileToDuckDb(typeof query === 'string' ? parseQuery(query) : query);
    const reader = await db.runAndReadAll(`SELECT id FROM ${LOGS_TABLE} WHERE ${sql} ORDER BY id`, params as DuckDBValue[]);
    return reader.getRowObjectsJS().map((r) => String(r.id));
  }

  function compileError(query: string): QuerySyntaxError {
    try {
      compileToDuckDb(parseQuery(query));
    } catch (e) {
      if (e instanceof QuerySyntaxError) return e;
      throw e;
    }
    throw new Error(`compiled without error: ${query}`);
  }

  const cases: Array<[string, string[]]> = [
    // match-all and its negation
    ['', ['r1', 'r2', 'r3', 'r4', 'r5']],
    ['-*', []],
    // free-text words: whole words, case-insensitive
    ['timeout', ['r1', 'r2']],
    ['TimeOut', ['r1', 'r2']],
    ['message:timeout', ['r1', 'r2']],
    ['timeout connection', ['r1']],
    ['timeout OR café', ['r1', 'r2', 'r4']],
    ['time', ['r5']], // `time-out`
    ['time*', ['r1', 'r2', 'r5']],
    ['t?meout', ['r1', 'r2']],
    ['*imeouts', ['r5']],
    ['"connection reset"', ['r4']],
    ['"timed  OUT"', ['r2']],
    ['"reset by"', ['r4']],
    ['"reset peer"', []],
    ['""', []],
    // unicode
    ['café', ['r4']],
    ['CAFÉ école NAÏVE', ['r4']],
    ['caf', []],
    ['—', ['r4']],
    // LIKE / regex metacharacters in words are literal
    ['50%_off', ['r3']],
    ['50%', ['r3']],
    ['_', []],
    ['%', ['r3']],
    ['30s.', []],
    ['"key 50%_off"', ['r3']],
    ['/api/users', []],
    // regex on message: unanchored, case-sensitive RE2
    ['/tim(e|ed)out/', ['r1', 'r5']],
    ['/(?i)^request/', ['r2']],
    ['NOT /tim(e|ed)out/', ['r2', 'r3', 'r4']],
    // level: aliases, case-insensitive, severity order
    ['level:ERROR', ['r1']],
    ['level:error', ['r1']],
    ['level:warn', ['r2']],
    ['level:crit', ['r5']],
    ['level:bogus', []],
    ['level:>=WARNING', ['r1', 'r2', 'r5']],
    ['level:>warn', ['r1', 'r5']],
    ['level:[DEBUG TO INFO]', ['r3', 'r4']],
    ['level:{DEBUG TO ERROR}', ['r2', 'r4']],
    ['level:war*', ['r2']],
    ['level:/warn.*/', ['r2']],
    ['-level:DEBUG', ['r1', 'r2', 'r4', 'r5']],
    // keyword fields: exact, case-sensitive; NOT keeps NULLs
    ['service:auth', ['r1', 'r4']],
    ['service:Auth', []],
    ['-service:auth', ['r2', 'r3', 'r5']],
    ['NOT service:auth', ['r2', 'r3', 'r5']],
    ['!service:auth AND !service:web', ['r2', 'r3']],
    ['service:(auth OR web)', ['r1', 'r4', 'r5']],
    ['-service:(auth OR web)', ['r2', 'r3']],
    ['service:>=p', ['r2', 'r5']],
    ['user_id:"user-123"', ['r1']],
    ['user_id:user_123', ['r4']],
    ['user_id:user?123', ['r1', 'r4']],
    ['user_id:user_*', ['r4']],
    ['user_id:*123', ['r1', 'r4']],
    ['endpoint:/api/users', ['r1']],
    ['endpoint:/api/users*', ['r1', 'r2']],
    ['endpoint:/\\/api\\/i.*/', ['r3']],
    ['endpoint:/api/', []],
    [`user_id:"${INJECTION.replace(/"/g, '\\"')}"`, ['r3']],
    // numeric fields
    ['status_code:500', ['r4']],
    ['status_code:>=500', ['r1', 'r4']],
    ['status_code >= 500', ['r1', 'r4']],
    ['status_code:5*', ['r1', 'r4']],
    ['-status_code:500', ['r1', 'r2', 'r3', 'r5']],
    ['status_code:(404 OR 200)', ['r2', 'r5']],
    ['response_time_ms:[100 TO 500]', ['r2', 'r4', 'r5']],
    ['response_time_ms:{100 TO 500}', ['r2', 'r4']],
    ['response_time_ms:[* TO 100]', ['r5']],
    ['response_time_ms:[* TO *]', ['r1', 'r2', 'r4', 'r5']],
    ['response_time_ms:<=120.0', ['r2', 'r5']],
    ['NOT response_time_ms:>200', ['r2', 'r3', 'r5']],
    // @timestamp: ISO dates (missing parts cover their span) and epoch ms
    ['@timestamp:2024-05-01', ['r1', 'r2', 'r5']],
    ['@timestamp:2024-05', ['r1', 'r2', 'r3', 'r5']],
    ['@timestamp:>=2024-05-01T10:00:00Z', ['r1', 'r2', 'r3']],
    ['@timestamp:<2024-05-01', ['r4']],
    ['@timestamp:<=2024-05-01', ['r1', 'r2', 'r4', 'r5']],
    ['@timestamp:>2024-05-01', ['r3']],
    ['@timestamp:>2024-05-01T12:00:00+02:00', ['r2', 'r3']],
    ['@timestamp:[2024-04-30 TO 2024-05-01T00:00:00.000Z]', ['r4', 'r5']],
    ['@timestamp:{2024-05-01T00:00:00Z TO 2024-05-02T00:00:00Z}', ['r1', 'r2']],
    [`@timestamp:${Date.parse('2024-05-01T10:00:00Z')}`, ['r1']],
    // exists
    ['_exists_:status_code', ['r1', 'r2', 'r4', 'r5']],
    ['-_exists_:status_code', ['r3']],
    ['_exists_:sql_query', ['r5']],
    ['sql_query:*', ['r5']],
    ['_exists_:tags', ['r1', 'r4', 'r5']],
    ['NOT _exists_:tags', ['r2', 'r3']],
    ['_exists_:http.method', ['r1', 'r4']],
    ['_exists_:nope', []],
    ['NOT _exists_:nope', ['r1', 'r2', 'r3', 'r4', 'r5']],
    // tags
    ['tags:prod', ['r1', 'r4']],
    ['-tags:prod', ['r2', 'r3', 'r5']],
    ['tags:edge%', ['r5']],
    ['tags:edge', []],
    ['tags:b*', ['r1']],
    ['tags:/pro.?/', ['r1', 'r4']],
    ['tags:>=p', ['r1', 'r4']],
    // extra fields from the `fields` JSON
    ['http.method:GET', ['r1']],
    ['-http.method:GET', ['r2', 'r3', 'r4', 'r5']],
    ['http.method:P*', ['r4']],
    ['duration:>100', ['r1']],
    ['duration:[90 TO 100]', ['r2']],
    ['note:100%', ['r5']],
    ['note:100', []],
    // mixed
    ['(timeout OR café) -level:ERROR', ['r2', 'r4']],
    ['NOT (timeout OR café)', ['r3', 'r5']],
    ['-timeout -café', ['r3', 'r5']],
    ['level:ERROR OR (service:auth AND NOT status_code:504)', ['r1', 'r4']],
    ['NOT (service:auth AND status_code:>=500)', ['r2', 'r3', 'r5']],
  ];

  it.each(cases)('%s', async (query, expected) => {
    expect(await idsFor(query)).toEqual(expected);
  });

  it('passes user values as parameters, never in the SQL', async () => {
    for (const query of [`"${INJECTION}"`, `service:"${INJECTION}"`, `/${INJECTION}/`, `sql_query:'*`, `tags:"${INJECTION}"`]) {
      const { sql, params } = compileToDuckDb(parseQuery(query));
      expect(sql).not.toContain('DROP');
      expect(params.join(' ')).toContain(query.includes('*') ? "'" : 'DROP');
      expect(await idsFor(query)).toEqual([]);
    }
    expect(await idsFor(`user_id:"${INJECTION.replace(/"/g, '\\"')}"`)).toEqual(['r3']);
  });

  it('quotes a hostile field name that did not come from the parser', async () => {
    const node: QueryNode = { kind: 'term', field: "x') OR 1=1 --", value: 'a', position: 0 };
    expect(await idsFor(node)).toEqual([]);
    expect(await idsFor({ kind: 'not', child: node })).toHaveLength(5);
  });

  it('compiles to compact SQL', () => {
    expect(compileToDuckDb(parseQuery(''))).toEqual({ sql: 'TRUE', params: [] });
    expect(compileToDuckDb(parseQuery('status_code:>=500'))).toEqual({ sql: 'status_code >= ?', params: [500] });
    expect(compileToDuckDb(parseQuery('-service:auth'))).toEqual({ sql: 'NOT coalesce(service = ?, false)', params: ['auth'] });
    expect(compileToDuckDb(parseQuery('timeout'))).toEqual({
      sql: "(regexp_matches(message, ?, 'i') AND regexp_matches(message, ?, 'i'))",
      params: ['timeout', '(?:^|[^\\pL\\pN_])timeout(?:[^\\pL\\pN_]|$)'],
    });
    expect(compileToDuckDb(parseQuery('level:>=ERROR')).params).toEqual(['ERROR', 'CRITICAL']);
  });

  it.each([
    ['status_code:abc', 'a number', 12],
    ['status_code:>=5x', 'a number', 14],
    ['response_time_ms:[1 TO x]', 'a number', 23],
    ['@timestamp:yesterday', 'a date (ISO 8601 or epoch milliseconds)', 11],
    ['@timestamp:2024-02-30', 'a date (ISO 8601 or epoch milliseconds)', 11],
    ['@timestamp:2024*', 'a date (ISO 8601 or epoch milliseconds)', 11],
    ['a OR level:>=bogus', 'a level (TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL)', 13],
  ])('rejects %s with the value position', (query, expected, position) => {
    expect(compileError(query)).toMatchObject({ expected, position });
  });

  it('lets DuckDB reject an invalid regex when the query runs', async () => {
    await expect(idsFor('/(unclosed/')).rejects.toThrow(/missing \)/);
  });
});
