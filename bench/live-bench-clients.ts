// Live subscribers for the live bench: a socket.io client of /live and an SSE reader of
// GET /api/logs/tail, each noting when every record (by its `bench_seq` field) arrived, and
// able to stop reading (their TCP socket paused) like a client that never reads.
// Both stay real clients of the real protocol (socket.io-client over a websocket, an HTTP
// text/event-stream), but they decode no more of a record than its `bench_seq`: ten
// subscribers at 10k records/s are 100k records/s for this process, and JSON.parse of each
// (socket.io-parser's, the SSE reader's) took a full core of the 2 the server shares.

import * as http from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import { LIVE_NAMESPACE } from '../src/live/client-events';
import { eventPrefix } from '../src/live/socket-sink';

const SEQ_KEY = '"bench_seq":';

/**
 * Calls `visit` with each `bench_seq` value in record JSON text (the key appears unescaped
 * only as a key; extra fields come back as strings, `"bench_seq":"12"`).
 */
export function scanBenchSeqs(text: string, visit: (seq: number) => void, from = 0, to = text.length): void {
  let at = text.indexOf(SEQ_KEY, from);
  while (at >= 0 && at < to) {
    let i = at + SEQ_KEY.length;
    if (text.charCodeAt(i) === 34) i++;
    let seq = 0;
    let digits = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i), digits++) seq = seq * 10 + (c - 48);
    if (digits > 0) visit(seq);
    at = text.indexOf(SEQ_KEY, i);
  }
}

/** The text of /live `logs` and `log` packets starts with (`2/live,["logs",`). */
const RECORD_PACKETS = [eventPrefix('logs'), eventPrefix('log')];

/**
 * socket.io-parser's decoder, except that `log`/`logs` event packets are handed to the
 * listener as their raw text (the event name kept) instead of JSON.parse'd: every other
 * packet (connect, filters_set, dropped, errors) is decoded as usual.
 */
class RecordTextDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj === 'string' && RECORD_PACKETS.some((p) => obj.startsWith(p))) {
      const event = obj.startsWith(RECORD_PACKETS[0]) ? 'logs' : 'log';
      (this as unknown as { emitReserved(ev: 'decoded', packet: unknown): void }).emitReserved('decoded', { type: PacketType.EVENT, nsp: LIVE_NAMESPACE, data: [event, obj] });
      return;
    }
    super.add(obj);
  }
}
const RECORD_TEXT_PARSER = { Encoder, Decoder: RecordTextDecoder };

export interface LiveFiltersInput {
  query?: string;
  level?: string;
  service?: string;
}

/** What a subscriber saw: arrival time (performance.now()) per record sequence number. */
export abstract class BenchSubscriber {
  received = 0;
  dropped = 0;
  /** Arrival time of seq i at index i; NaN while not arrived. */
  arrivals = new Float64Array(0);

  /** Starts a fresh recording for records with seq < `capacity`. */
  reset(capacity: number): void {
    this.received = 0;
    this.dropped = 0;
    this.arrivals = new Float64Array(capacity).fill(NaN);
  }

  /** Notes the arrival of every record whose `bench_seq` is in `text[from, to)`. */
  protected arrivedIn(text: string, from?: number, to?: number): void {
    const now = performance.now();
    scanBenchSeqs(text, (seq) => {
      this.received++;
      if (seq < this.arrivals.length) this.arrivals[seq] = now;
    }, from, to);
  }

  abstract close(): void;
  /** Stops reading from the TCP socket: the server's writes pile up (a client that never reads). */
  abstract stopReading(): void;
}

export class SocketSubscriber extends BenchSubscriber {
  private readonly socket: Socket;

  private constructor(socket: Socket) {
    super();
    this.socket = socket;
    // Raw packet text (RecordTextDecoder): `2/live,["logs",[{…},…]]`.
    socket.on('log', (packet: unknown) => this.arrivedIn(packet as string));
    socket.on('logs', (packet: unknown) => this.arrivedIn(packet as string));
    socket.on('dropped', (d: { count: number }) => (this.dropped += d.count));
  }

  /** Connects and sets the filter; resolves once the server answered `filters_set`. */
  static async open(baseUrl: string, token: string, filters: LiveFiltersInput): Promise<SocketSubscriber> {
    const socket = io(`${baseUrl}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true, parser: RECORD_TEXT_PARSER });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.emit('set_metrics', { enabled: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('filters_set', () => resolve());
      socket.once('filters_error', (e: { message: string }) => reject(new Error(`filters_error for ${JSON.stringify(filters)}: ${e.message}`)));
      socket.emit('set_filters', filters);
    });
    return new SocketSubscriber(socket);
  }

  close(): void {
    this.socket.disconnect();
  }

  stopReading(): void {
    const engine = this.socket.io.engine as unknown as { transport: { ws?: { _socket?: NetSocket } } };
    const tcp = engine.transport.ws?._socket;
    if (!tcp) throw new Error('socket.io client has no websocket TCP socket to pause');
    tcp.pause();
  }
}

export class SseSubscriber extends BenchSubscriber {
  private buffer = '';
  private response: http.IncomingMessage | null = null;

  private constructor(private readonly request: http.ClientRequest) {
    super();
  }

  /** Opens the stream; resolves once the server answered 200 and the stream is registered. */
  static open(baseUrl: string, token: string, filters: LiveFiltersInput): Promise<SseSubscriber> {
    const url = new URL('/api/logs/tail', baseUrl);
    for (const [k, v] of Object.entries(filters)) if (v !== undefined) url.searchParams.set(k, v);
    return new Promise((resolve, reject) => {
      const req = http.get(url, { headers: { Authorization: `Bearer ${token}` }, agent: false });
      const sub = new SseSubscriber(req);
      req.on('error', reject);
      req.on('response', (res) => {
        if (res.statusCode !== 200) return reject(new Error(`GET /api/logs/tail answered ${res.statusCode}`));
        sub.response = res;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => sub.read(chunk));
        res.on('error', () => undefined);
        resolve(sub);
      });
    });
  }

  close(): void {
    this.request.destroy();
  }

  stopReading(): void {
    // Pausing the IncomingMessage alone still drains the socket into its buffer.
    this.response?.pause();
    this.request.socket?.pause();
  }

  /**
   * Complete events end with a blank line; record events (`data: {…}`) are only scanned for
   * their bench_seq, `event: dropped` ones parsed; the incomplete rest waits for more.
   */
  private read(chunk: string): void {
    const text = this.buffer + chunk;
    const end = text.lastIndexOf('\n\n');
    if (end < 0) return void (this.buffer = text);
    this.buffer = text.slice(end + 2);
    let at = text.indexOf('event: dropped\n');
    if (at < 0 || at > end) return this.arrivedIn(text, 0, end);
    let from = 0;
    while (at >= 0 && at < end) {
      this.arrivedIn(text, from, at);
      const stop = text.indexOf('\n\n', at);
      const data = text.slice(text.indexOf('data: ', at) + 6, stop);
      this.dropped += (JSON.parse(data) as { count: number }).count;
      from = stop + 2;
      at = text.indexOf('event: dropped\n', from);
    }
    this.arrivedIn(text, from, end);
  }
}
