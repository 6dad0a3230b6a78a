import * as dgram from 'node:dgram';
import { InputCounters } from '../input-stats';
import { FrameDecoder, takeFrame } from './tcp-listener';
import { RecordBatcher } from './record-batcher';

/**
 * A UDP listener, one datagram a message. UDP cannot be paused: when the batcher is full and
 * `maxPending` records already wait, further datagrams are dropped and counted as
 * `overloaded`, so memory stays bounded and the loss is visible in /api/inputs.
 */
export class UdpListener {
  private readonly socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 8 * 1024 * 1024 });

  constructor(
    private readonly counters: InputCounters,
    private readonly batcher: RecordBatcher,
    decode: FrameDecoder,
    maxPending = 50_000,
  ) {
    this.socket.on('message', (message: Buffer) => {
      if (batcher.full && batcher.pending >= maxPending) {
        counters.received++;
        counters.reject('overloaded', 1, 'the writer is saturated; datagram dropped');
        return;
      }
      let end = message.length;
      while (end > 0 && (message[end - 1] === 0x0a || message[end - 1] === 0x0d || message[end - 1] === 0)) end--;
      takeFrame({ data: message.subarray(0, end) }, decode, counters, batcher);
    });
    this.socket.on('error', (err) => counters.error(`socket error: ${err.message}`));
  }

  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.bind(port, host, () => {
        this.socket.off('error', reject);
        const address = `${host}:${this.socket.address().port}`;
        this.counters.enable(address);
        resolve(address);
      });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
    await this.batcher.close();
    this.counters.disable();
  }
}
