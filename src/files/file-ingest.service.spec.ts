import { FakePatternStore } from '../patterns/fake-pattern-store';
import { PatternAssigner } from '../patterns/pattern-assigner';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../config/load-config';
import { IngestMetrics } from '../ingest/ingest-metrics';
import { IngestService } from '../ingest/ingest.service';
import { IngestJobOptions, PreparedChunk } from '../ingest/pipeline/ingest-job';
import { IngestRunner } from '../ingest/pipeline/ingest-runner';
import { LogWriter } from '../ingest/pipeline/log-writer';
import { MemoryLogStore } from '../logs/memory/memory-log-store';
import { MetricsRegistry } from '../observability/metrics/metrics-registry';
import { EventBus } from '../platform/events/event-bus';
import { newId } from '../platform/ids';
import { InProcessJobQueue } from '../platform/queue/in-process-job-queue';
import { FileIngestService } from './file-ingest.service';
import { LogFile } from './file-types';
import { MemoryFileStore } from './memory-file-store';

/** A runner whose file jobs finish only when the test releases them, by file path. */
class GatedRunner extends IngestRunner {
  readonly started: string[] = [];
  private readonly gates = new Map<string, () => void>();

  async runBody(): Promise<PreparedChunk> {
    throw new Error('not used here');
  }
  async runFile(file: string, _options: IngestJobOptions, _n: number, _onChunk: (c: PreparedChunk) => Promise<void>): Promise<void> {
    this.started.push(path.basename(file));
    await new Promise<void>((release) => this.gates.set(path.basename(file), release));
  }
  release(name: string): void {
    this.gates.get(name)?.();
  }
  setLiveSelectors(): void {}
  async close(): Promise<void> {}
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('FileIngestService', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lognest-file-ingest-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function setup() {
    const config = loadConfig({ LOGNEST_DATA_DIR: path.join(dir, 'data'), LOGNEST_UPLOADS_DIR: path.join(dir, 'up') });
    const store = new MemoryLogStore();
    const runner = new GatedRunner();
    const ingest = new IngestService(config, runner, new LogWriter(store.write, new EventBus(), 1_000_000), new IngestMetrics(new MetricsRegistry()), new PatternAssigner(new FakePatternStore()));
    const files = new MemoryFileStore();
    const service = new FileIngestService(files, runner, ingest, store.write, new InProcessJobQueue(), config);
    service.onModuleInit();
    return { runner, files, service };
  }

  async function add(files: MemoryFileStore, name: string): Promise<LogFile> {
    const storedPath = path.join(dir, name);
    fs.writeFileSync(storedPath, '{"message":"x"}\n');
    const file: LogFile = {
      id: newId(), tenantId: 't1', originalName: name, storedPath, source: 'upload', sourceKey: null, format: 'ndjson', size: 16,
      status: 'pending', linesTotal: 0, bytesProcessed: 0, accepted: 0, rejected: 0, errors: [], failure: null,
      options: { format: 'ndjson' }, uploadedBy: 'test', uploadDate: Date.now(), completedAt: null, description: null,
    };
    await files.create(file);
    return file;
  }

  it('processes files one at a time, in order', async () => {
    const { runner, files, service } = setup();
    service.enqueue(await add(files, 'a.ndjson'));
    service.enqueue(await add(files, 'b.ndjson'));
    await tick();
    expect(runner.started).toEqual(['a.ndjson']);
    runner.release('a.ndjson');
    await tick();
    expect(runner.started).toEqual(['a.ndjson', 'b.ndjson']);
    runner.release('b.ndjson');
    await service.whenIdle();
  });

  it('cancels a waiting file at once, without waiting for the file being processed', async () => {
    const { runner, files, service } = setup();
    const a = await add(files, 'c.ndjson');
    const b = await add(files, 'd.ndjson');
    service.enqueue(a);
    service.enqueue(b);
    await tick();
    let cancelled = false;
    void service.cancel('t1', b.id).then(() => (cancelled = true));
    await tick();
    expect(cancelled).toBe(true);
    runner.release('c.ndjson');
    await service.whenIdle();
    expect(runner.started).toEqual(['c.ndjson']);
  });

  it('cancelling a finished file does not wait for the rest of the queue', async () => {
    const { runner, files, service } = setup();
    const done = await add(files, 'e.ndjson');
    service.enqueue(done);
    await tick();
    runner.release('e.ndjson');
    await tick();
    service.enqueue(await add(files, 'f.ndjson'));
    await tick();
    let returned = false;
    void service.cancel('t1', done.id).then(() => (returned = true));
    await tick();
    expect(returned).toBe(true);
    runner.release('f.ndjson');
    await service.whenIdle();
  });
});
