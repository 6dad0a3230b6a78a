// Live subscribers for the live bench: a socket.io client of /live and an SSE reader of
// GET /api/logs/tail, each noting when every record (by its `bench_seq` field) arrived, and
// able to stop reading (their TCP socket paused) like a client that never reads.

import * as http from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { takeSseEvents } from './sse-events';

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

  protected arrived(record: { fields?: Record<string, unknown> }): void {
    this.received++;
    const seq = Number(record.fields?.bench_seq);
    if (Number.isInteger(seq) && seq >= 0 && seq < this.arrivals.length) this.arrivals[seq] = performance.now();
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
    socket.on('log', (r: { fields?: Record<string, unknown> }) => this.arrived(r));
    socket.on('logs', (rs: { fields?: Record<string, unknown> }[]) => rs.forEach((r) => this.arrived(r)));
    socket.on('dropped', (d: { count: number }) => (this.dropped += d.count));
  }

  /** Connects and sets the filter; resolves once the server answered `filters_set`. */
  static async open(baseUrl: string, token: string, filters: LiveFiltersInput): Promise<SocketSubscriber> {
    const socket = io(`${baseUrl}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
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

  private read(chunk: string): void {
    const { events, rest } = takeSseEvents(this.buffer + chunk);
    this.buffer = rest;
    for (const { event, data: payload } of events) {
      if (event === 'dropped') this.dropped += (payload as { count: number }).count;
      else this.arrived(payload as { fields?: Record<string, unknown> });
    }
  }
}
