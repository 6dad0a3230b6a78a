// Lognest's Elasticsearch ingest against a raw `_bulk` client, side by side on one node:
// the same sample records, the same documents (documentOf), indices from the same template.
// Lognest writes through ElasticsearchLogWriteStore.appendSpooled, as its LogWriter does
// (spool files of stored JSON lines, one call per group commit); the raw client sends bodies
// built before its clock starts, with the same batch size and requests in flight. Rounds are
// interleaved and alternate which side goes first; the ratio of each round is reported.
//   npm run bench:es-ingest -- [--count 200k] [--rounds 3] [--es http://127.0.0.1:9250]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BULK_DOCS, BULK_IN_FLIGHT } from '../src/logs/elasticsearch/elasticsearch-bulk-writer';
import { ElasticsearchLogIndex } from '../src/logs/elasticsearch/elasticsearch-client';
import { ElasticsearchLogWriteStore } from '../src/logs/elasticsearch/elasticsearch-log-write-store';
import { dailyIndexName, documentOf } from '../src/logs/elasticsearch/elasticsearch-schema';
import { SpooledBatch } from '../src/logs/log-write-store';
import { normalizeRecord } from '../src/logs/normalize/record-normalizer';
import { stampedJson, StoredRecord } from '../src/logs/stored-record';
import { newId } from '../src/platform/ids';
import { describeMachine } from './bench-machine';
import { CliArgs } from './cli-args';
import { generateLogs } from './sample-log-generator';

const TENANT = 'bench';
/** Records per spool file, and spool files per appendSpooled call (one group commit). */
const SPOOL_RECORDS = 10_000;
const SPOOLS_PER_COMMIT = 5;

function buildRecords(count: number, seed: number): string[] {
  const now = Date.now();
  const lines: string[] = [];
  for (const sample of generateLogs({ count, days: 1, seed })) {
    const result = normalizeRecord(sample as unknown as Record<string, unknown>, { now });
    if ('error' in result) throw new Error(result.error);
    lines.push(stampedJson(result.record, { id: newId(result.record.timestamp), tenantId: TENANT, ingestedAt: now, fileId: null, patternId: null }));
  }
  return lines;
}

function writeSpools(dir: string, lines: string[]): SpooledBatch[][] {
  const batches: SpooledBatch[] = [];
  for (let i = 0; i < lines.length; i += SPOOL_RECORDS) {
    const path = join(dir, `spool-${i}.ndjson`);
    const part = lines.slice(i, i + SPOOL_RECORDS);
    writeFileSync(path, part.join('\n') + '\n');
    batches.push({ tenantId: TENANT, path, count: part.length });
  }
  const commits: SpooledBatch[][] = [];
  for (let i = 0; i < batches.length; i += SPOOLS_PER_COMMIT) commits.push(batches.slice(i, i + SPOOLS_PER_COMMIT));
  return commits;
}

async function countAndDrop(es: ElasticsearchLogIndex): Promise<number> {
  await es.client.indices.refresh({ index: es.index });
  const { count } = await es.client.count({ index: es.index });
  await es.drop();
  return count;
}

async function lognestRun(url: string, prefix: string, commits: SpooledBatch[][]): Promise<{ seconds: number; docs: number }> {
  const es = new ElasticsearchLogIndex({ url, index: prefix });
  try {
    await es.ensureIndex();
    const store = new ElasticsearchLogWriteStore(es);
    const start = process.hrtime.bigint();
    for (const commit of commits) await store.appendSpooled(commit);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { seconds, docs: await countAndDrop(es) };
  } finally {
    await es.close();
  }
}

async function rawRun(url: string, prefix: string, lines: string[]): Promise<{ seconds: number; docs: number }> {
  // The same template and mappings, so both sides cost Elasticsearch the same per document.
  const es = new ElasticsearchLogIndex({ url, index: prefix });
  try {
    await es.ensureIndex();
    const bodies: string[] = [];
    for (let i = 0; i < lines.length; i += BULK_DOCS) {
      let body = '';
      for (const line of lines.slice(i, i + BULK_DOCS)) {
        const stored = JSON.parse(line) as StoredRecord;
        body += `{"create":{"_index":"${dailyIndexName(prefix, Number(stored.ts))}"}}\n${JSON.stringify(documentOf(stored, TENANT))}\n`;
      }
      bodies.push(body);
    }
    const start = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const res = await fetch(`${url}/_bulk`, { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body });
        const answer = (await res.json()) as { errors?: boolean };
        if (!res.ok || answer.errors) throw new Error(`raw _bulk failed: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: BULK_IN_FLIGHT }, worker));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return { seconds, docs: await countAndDrop(es) };
  } finally {
    await es.close();
  }
}

async function main(): Promise<void> {
  const args = new CliArgs(process.argv.slice(2), ['count', 'rounds', 'es', 'seed']);
  const count = args.number('count', 200_000);
  const rounds = args.number('rounds', 3);
  const url = args.string('es', process.env.LOGNEST_TEST_ELASTICSEARCH_URL ?? 'http://127.0.0.1:9250');
  const run = `lognest-bench-es-${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(os.tmpdir(), 'lognest-bench-es-'));
  try {
    const lines = buildRecords(count, args.number('seed', 42));
    const commits = writeSpools(dir, lines);
    const results: Array<Record<string, number>> = [];
    for (let r = 0; r < rounds; r++) {
      const lognestFirst = r % 2 === 0;
      const one = async (side: 'lognest' | 'raw') =>
        side === 'lognest' ? lognestRun(url, `${run}-${r}-lognest`, commits) : rawRun(url, `${run}-${r}-raw`, lines);
      const first = await one(lognestFirst ? 'lognest' : 'raw');
      const second = await one(lognestFirst ? 'raw' : 'lognest');
      const [lognest, raw] = lognestFirst ? [first, second] : [second, first];
      if (lognest.docs !== lines.length || raw.docs !== lines.length) throw new Error(`documents written: lognest ${lognest.docs}, raw ${raw.docs}, expected ${lines.length}`);
      const row = {
        round: r + 1,
        lognest_records_per_s: Math.round(lines.length / lognest.seconds),
        raw_bulk_records_per_s: Math.round(lines.length / raw.seconds),
        ratio: Math.round((raw.seconds / lognest.seconds) * 100) / 100,
      };
      results.push(row);
      process.stderr.write(`${JSON.stringify(row)}\n`);
    }
    const ratios = results.map((r) => r.ratio).sort((a, b) => a - b);
    console.log(JSON.stringify({
      bench: 'es-ingest', date: new Date().toISOString(), machine: describeMachine(), elasticsearch: url, records: lines.length,
      bulk_docs: BULK_DOCS, bulk_in_flight: BULK_IN_FLIGHT, rounds: results, median_ratio: ratios[Math.floor(ratios.length / 2)],
    }, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
