import * as net from 'node:net';
import { WriterSaturatedError } from '../../pipeline/log-writer';
import { IngestResult } from '../../ingest.service';
import { InputCounters } from '../input-stats';
import { InputWriter } from '../input-writer';
import { RecordBatcher } from './record-batcher';
import { TcpListener } from './tcp-listener';

/** A writer that holds every write until released, or answers "saturated" a set number of times. */
class GatedWriter {
  written: string[] = [];
  saturatedAnswers = 0;
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  async write(counters: InputCounters, _tenant: string, lines: string[]): Promise<IngestResult> {
    if (this.saturatedAnswers > 0) {
      this.saturatedAnswers--;
      throw new WriterSaturatedError(0);
    }
    await this.gate;
    this.written.push(...lines);
    counters.accepted += lines.length;
    return { accepted: lines.length, rejected: 0, errors: [], ids: [] };
  }
}

const until = async (probe: () => boolean) => {
  for (let i = 0; i < 200 && !probe(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(probe()).toBe(true);
};

describe('TcpListener with RecordBatcher', () => {
  it('stops reading its sockets while the writer is busy, then takes everything', async () => {
    const writer = new GatedWriter();
    const counters = new InputCounters('tcp-json');
    const batcher = new RecordBatcher(writer as unknown as InputWriter, counters, 't1', { maxRecords: 100, maxDelayMs: 5, maxInFlight: 1 });
    const listener = new TcpListener(counters, batcher, false, (text) => ({ line: text }));
    const port = Number((await listener.listen('127.0.0.1', 0)).split(':')[1]);
    writer.hold();
    const total = 200_000;
    const client = net.connect(port, '127.0.0.1');
    const payload = Buffer.from(Array.from({ length: total }, (_, i) => `{"n":${i},"pad":"${'x'.repeat(40)}"}`).join('\n') + '\n');
    client.end(payload);
    await new Promise((r) => setTimeout(r, 300));
    // Paused: far from everything was read while the only write slot is held.
    expect(counters.received).toBeLessThan(total / 2);
    expect(batcher.pending).toBeLessThan(total / 2);
    writer.release();
    await until(() => writer.written.length === total);
    expect(counters).toMatchObject({ received: total, accepted: total, rejected: 0 });
    await listener.close();
  });

  it('retries a batch the saturated writer refused, losing nothing', async () => {
    const writer = new GatedWriter();
    writer.saturatedAnswers = 3;
    const counters = new InputCounters('syslog-tcp');
    const batcher = new RecordBatcher(writer as unknown as InputWriter, counters, 't1', { maxRecords: 10, maxDelayMs: 1, maxInFlight: 1 });
    for (let i = 0; i < 25; i++) batcher.add(`{"n":${i}}`);
    await batcher.close();
    expect(writer.written).toHaveLength(25);
    expect(counters.rejected).toBe(0);
  });
});
