import * as net from 'node:net';
import { InputCounters } from '../input-stats';
import { Frame, FrameReader, frameText } from './frame-reader';
import { RecordBatcher } from './record-batcher';

/** Turns one frame's text into an NDJSON line for the pipeline, or says why it cannot. */
export type FrameDecoder = (text: string) => { line: string } | { error: string; detail: string };

/** Counts one frame and hands its record to the batcher, or counts its reject reason. */
export function takeFrame(frame: Frame, decode: FrameDecoder, counters: InputCounters, batcher: RecordBatcher): void {
  counters.received++;
  if ('error' in frame) {
    counters.reject(frame.error, 1, frame.detail);
    return;
  }
  const text = frameText(frame.data);
  if ('error' in text) {
    counters.reject(text.error, 1, `${frame.data.length}-byte frame`);
    return;
  }
  const decoded = decode(text.text);
  if ('error' in decoded) counters.reject(decoded.error, 1, decoded.detail);
  else batcher.add(decoded.line);
}

/**
 * A TCP listener of framed text (syslog, JSON lines). No auth, so it is off unless a port is
 * configured and binds where LOGNEST_INPUTS_HOST says. While the batcher is full every
 * connection is paused: the kernel's buffers and then TCP flow control hold the senders.
 */
export class TcpListener {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly counters: InputCounters,
    private readonly batcher: RecordBatcher,
    octetCounting: boolean,
    decode: FrameDecoder,
  ) {
    this.server = net.createServer((socket) => {
      const reader = new FrameReader(octetCounting);
      this.sockets.add(socket);
      socket.on('data', (chunk: Buffer) => {
        for (const frame of reader.push(chunk)) takeFrame(frame, decode, counters, batcher);
        if (batcher.full) this.pauseAll();
      });
      socket.on('end', () => {
        for (const frame of reader.end()) takeFrame(frame, decode, counters, batcher);
      });
      socket.on('error', (err) => counters.error(`connection error: ${err.message}`));
      socket.on('close', () => this.sockets.delete(socket));
    });
    batcher.onResume(() => this.sockets.forEach((s) => s.resume()));
  }

  private pauseAll(): void {
    this.sockets.forEach((s) => s.pause());
  }

  /** Listens; resolves with the bound `host:port` (port 0 picks a free one). */
  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address() as net.AddressInfo;
        this.counters.enable(`${host}:${address.port}`);
        resolve(`${host}:${address.port}`);
      });
    });
  }

  /** Stops accepting, ends the connections (what they sent is kept), then writes the rest. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) {
      socket.resume();
      socket.end();
    }
    const deadline = setTimeout(() => this.sockets.forEach((s) => s.destroy()), 2000);
    await closed;
    clearTimeout(deadline);
    await this.batcher.close();
    this.counters.disable();
  }
}
