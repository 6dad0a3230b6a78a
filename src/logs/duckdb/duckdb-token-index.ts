// The token index beside the logs table (docs/decisions/0130). Every insert of one tenant's
// rows in a commit is a *block* (`logs.block_id`, increasing); for each block, in the same
// transaction as the rows:
// - `log_blocks`: its row count, time range, `ids`: whether the filter holds its exact ids
//   (not for blocks written while the index was off, the default: its cost on ingest,
//   docs/decisions/0130; they get their row when it is turned on) and
//   `all_words`: whether it holds every word of its messages. It does not when words are not
//   indexed (tokenizing messages in SQL cost ~37% of the append) or when a message has a
//   word with a non-ASCII letter or digit (RE2's case-insensitive match folds `ſ` to `s` and
//   `K` (Kelvin) to `k`, which the index's ASCII lower-casing does not). Such blocks are
//   candidates for every id or word;
// - `log_token_filters`: a partitioned Bloom filter of the block's tokens — `field=value` of
//   the high-cardinality keyword fields and, with words on, the lower-cased ASCII words of
//   `message` — in parts of PART_BITS bits holding ~PART_TOKENS tokens each, so a lookup
//   reads one small part per block instead of the whole filter.
// A query's required tokens (token-requirements.ts) select candidate blocks; the query then
// runs as before, with the candidate blocks' ranges added, so the exact predicate still decides
// every row. The index can only over-approximate (false positives, stale bits after a
// delete), never miss a row, so answers stay identical.
//
// Hashes are DuckDB's `hash()`, which is not promised stable across DuckDB versions: the
// probe value of the version that built the index is kept in `log_index_meta`, and a file
// opened by a DuckDB whose hash differs rebuilds its filters before serving (see `open`).
import { TokenIndexMode } from '../../config/app-config';
import { Row } from './duckdb-database';
import { LOGS_TABLE } from './duckdb-schema';
import type { Requirement } from './token-requirements';

export const BLOCKS_TABLE = 'log_blocks';
export const FILTERS_TABLE = 'log_token_filters';
const META_TABLE = 'log_index_meta';

const PART_BITS = 1280;
const PART_TOKENS = 128;
const PROBES = 7;
const PROBE_TEXT = 'lognest token index';

/** Keyword fields whose exact values are indexed: those that identify few records. */
export const INDEXED_FIELDS = ['correlation_id', 'trace_id', 'span_id', 'user_id', 'client_ip'] as const;

export const CREATE_INDEX_TABLES = [
  `CREATE TABLE IF NOT EXISTS ${BLOCKS_TABLE} (tenant_id VARCHAR NOT NULL, block_id BIGINT NOT NULL, rows BIGINT NOT NULL,
     min_ts BIGINT, max_ts BIGINT, ids BOOLEAN NOT NULL, all_words BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${FILTERS_TABLE} (tenant_id VARCHAR NOT NULL, block_id BIGINT NOT NULL, parts UINTEGER NOT NULL,
     part UINTEGER NOT NULL, bits BITSTRING NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
];

/** Bit `i` (0-based probe) of hash `h` within its part. */
const probe = (h: string, i: number | string) => `(((${h} >> 24) + ${i} * ((${h} >> 44) | 1)) % ${PART_BITS})`;

/** A message word as the index holds it; null when it is not one (non-ASCII, or no word). */
export function indexedWord(word: string): string | null {
  return /^[A-Za-z0-9_]+$/.test(word) ? word.toLowerCase() : null;
}

/** The token of an exact keyword value. Message words hold no `=`, so the two never meet. */
export function fieldToken(field: string, value: string): string {
  return `${field}=${value}`;
}

/**
 * The tokens of one block's rows, in one scan: runs of ASCII word characters of `message`
 * (lower-cased) and `field=value` of the indexed fields. ASCII runs are the words
 * (word-pattern.ts) of every message without non-ASCII letters or digits; a block with any
 * such message is flagged instead (NON_ASCII_WORD). The ASCII class costs ~30% less than
 * `[\pL\pN_]` in RE2 on the bench's messages.
 */
function blockTokens(where: string, words: boolean): string {
  const fields = `[${INDEXED_FIELDS.map((f) => `'${f}=' || ${f}`).join(', ')}]`;
  const tokens = words ? `list_concat(regexp_extract_all(lower(message), '[a-z0-9_]+'), ${fields})` : fields;
  return `SELECT token FROM (SELECT unnest(${tokens}) AS token FROM ${LOGS_TABLE} WHERE ${where}) WHERE token IS NOT NULL`;
}

/** True when a message has a letter or digit outside ASCII; the length test skips the regex for ASCII text. */
const NON_ASCII_WORD = `bool_or(strlen(message) <> length(message) AND regexp_matches(regexp_replace(message, '[\\x00-\\x7f]+', '', 'g'), '[\\pL\\pN]'))`;

/**
 * Index maintenance on the writer connection. `indexBlock` runs inside the transaction that
 * inserted the block's rows; the deletes inside the statement sequence of the delete.
 */
export class DuckDbTokenIndex {
  private lastBlock = 0;

  constructor(
    private readonly execute: (sql: string, params?: unknown[]) => Promise<number>,
    private readonly query: (sql: string, params?: unknown[]) => Promise<Row[]>,
    /** What goes in the filters (LOGNEST_DUCKDB_TOKEN_INDEX); blocks written with less stay candidates for the rest. */
    readonly mode: TokenIndexMode,
  ) {}

  /** Whether reads should look up candidate blocks at all. */
  get enabled(): boolean {
    return this.mode !== 'off';
  }

  /** Creates the tables, indexes rows of an older layout (no block id) and rebuilds filters whose hash changed. */
  async open(): Promise<void> {
    for (const sql of CREATE_INDEX_TABLES) await this.execute(sql);
    const [last] = await this.query(
      `SELECT greatest((SELECT coalesce(max(block_id), 0) FROM ${LOGS_TABLE}), (SELECT coalesce(max(block_id), 0) FROM ${BLOCKS_TABLE}))::DOUBLE AS b`,
    );
    this.lastBlock = Number(last.b);
    const [probeRow] = await this.query(`SELECT hash('${PROBE_TEXT}')::VARCHAR AS h`);
    const stored = await this.query(`SELECT value FROM ${META_TABLE} WHERE key = 'hash_probe'`);
    const rebuild = stored.length > 0 && stored[0].value !== probeRow.h;
    if (rebuild) {
      await this.execute(`DELETE FROM ${FILTERS_TABLE}`);
      await this.execute(`DELETE FROM ${BLOCKS_TABLE}`);
    }
    await this.execute(`INSERT OR REPLACE INTO ${META_TABLE} VALUES ('hash_probe', ?)`, [String(probeRow.h)]);
    await this.indexUnblocked();
    if (!this.enabled) return;
    // Blocks written while the index was off: candidates for every id and word.
    await this.execute(
      `INSERT INTO ${BLOCKS_TABLE} SELECT tenant_id, block_id, count(*), min(ts), max(ts), false, false FROM ${LOGS_TABLE}
       WHERE block_id NOT IN (SELECT block_id FROM ${BLOCKS_TABLE}) GROUP BY ALL`,
    );
    if (rebuild) {
      // Every block's row was made again just above; index each anew.
      for (const b of await this.query(`SELECT tenant_id, block_id::DOUBLE AS block_id FROM ${BLOCKS_TABLE}`)) {
        await this.execute(`DELETE FROM ${BLOCKS_TABLE} WHERE block_id = ?`, [b.block_id]);
        await this.indexBlock(String(b.tenant_id), Number(b.block_id));
      }
    }
  }

  /**
   * Gives rows without a block (of a file made before the index, or inserted by SQL of a
   * bench or a test) one block per tenant and indexes it.
   */
  async indexUnblocked(): Promise<void> {
    for (const r of await this.query(`SELECT DISTINCT tenant_id FROM ${LOGS_TABLE} WHERE block_id IS NULL`)) {
      const block = this.nextBlock();
      await this.execute(`UPDATE ${LOGS_TABLE} SET block_id = ? WHERE tenant_id = ? AND block_id IS NULL`, [block, r.tenant_id]);
      await this.indexBlock(String(r.tenant_id), block);
    }
  }

  /** The id of the next block; ids of rolled-back commits are skipped, never reused. */
  nextBlock(): number {
    return ++this.lastBlock;
  }

  /** Indexes the rows of one block; call in the transaction that inserted them. Off: nothing to do. */
  async indexBlock(tenantId: string, block: number): Promise<void> {
    if (!this.enabled) return;
    const where = `block_id = ${Math.floor(block)} AND tenant_id = ?`;
    await this.execute(
      `INSERT INTO ${BLOCKS_TABLE} SELECT ?, ?, count(*), min(ts), max(ts), ${this.enabled},
         ${this.mode === 'words' ? `NOT coalesce(${NON_ASCII_WORD}, false)` : 'false'}
       FROM ${LOGS_TABLE} WHERE ${where} HAVING count(*) > 0`,
      [tenantId, block, tenantId],
    );
    await this.execute(
      `INSERT INTO ${FILTERS_TABLE}
       WITH t AS (SELECT DISTINCT hash(token) AS h FROM (${blockTokens(where, this.mode === 'words')})),
            p AS (SELECT greatest(1, ceil(count(*) / ${PART_TOKENS}))::UINTEGER AS parts FROM t)
       SELECT ?, ?, p.parts, (t.h % p.parts)::UINTEGER, bitstring_agg(${probe('t.h', 'r.i')}, 0, ${PART_BITS - 1})
       FROM t, p, range(${PROBES}) r(i) GROUP BY ALL`,
      [tenantId, tenantId, block],
    );
  }

  /** Drops the index of blocks none of whose rows are left (after a delete of the tenant's rows). */
  async dropEmptyBlocks(tenantId: string): Promise<void> {
    const empty = `SELECT block_id FROM ${BLOCKS_TABLE} b WHERE tenant_id = ?
      AND NOT EXISTS (SELECT 1 FROM ${LOGS_TABLE} l WHERE l.tenant_id = b.tenant_id AND l.block_id = b.block_id)`;
    await this.execute(`DELETE FROM ${FILTERS_TABLE} WHERE tenant_id = ? AND block_id IN (${empty})`, [tenantId, tenantId]);
    await this.execute(`DELETE FROM ${BLOCKS_TABLE} WHERE tenant_id = ? AND block_id IN (${empty})`, [tenantId, tenantId]);
  }
}

/**
 * SQL giving the ids of the tenant's blocks that may hold `token` (`?`s: the token and the
 * tenant twice). It also takes every block whose filter does not hold all tokens of the kind.
 */
export function tokenCandidates(kind: 'word' | 'field'): string {
  const bits = Array.from({ length: PROBES }, (_, i) => `get_bit(f.bits, ${probe('q.h', i)}::INTEGER) = 1`).join(' AND ');
  const filtered = `SELECT f.block_id FROM ${FILTERS_TABLE} f, (SELECT hash(?::VARCHAR) AS h) q
    WHERE f.tenant_id = ? AND f.part = q.h % f.parts AND ${bits}`;
  return `${filtered} UNION SELECT block_id FROM ${BLOCKS_TABLE} WHERE tenant_id = ? AND NOT ${kind === 'word' ? 'all_words' : 'ids'}`;
}

/** SQL (and its parameters) giving the ids of the tenant's blocks that may hold what `req` requires. */
export function requiredBlocks(tenantId: string, req: Requirement): { sql: string; params: unknown[] } {
  if ('token' in req) {
    return { sql: tokenCandidates(req.kind), params: [req.token, tenantId, tenantId] };
  }
  const parts = req.children.map((c) => requiredBlocks(tenantId, c));
  return {
    sql: parts.map((p) => `(${p.sql})`).join(req.kind === 'and' ? ' INTERSECT ' : ' UNION '),
    params: parts.flatMap((p) => p.params),
  };
}
