import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { ClientToServerEvents, DroppedNotice, LiveFilters, LiveRecord, MetricsUpdate, ServerToClientEvents } from '../../src/live/client-events';
import { TestApp } from './test-app';

export type LiveClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Makes the test app listen on a free loopback port (socket.io and SSE need a real socket). */
export async function listen(t: TestApp): Promise<string> {
  const server = t.app.getHttpServer() as http.Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A socket.io client of /live that records everything it receives. */
export class LiveClient {
  readonly records: LiveRecord[] = [];
  readonly dropped: DroppedNotice[] = [];
  readonly metrics: MetricsUpdate[] = [];
  readonly socket: LiveClientSocket;

  constructor(base: string, options: { token?: string; cookie?: string } = {}) {
    this.socket = io(`${base}/live`, {
      auth: options.token ? { token: options.token } : {},
      extraHeaders: options.cookie ? { cookie: options.cookie } : undefined,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket.on('log', (r) => this.records.push(r));
    this.socket.on('logs', (rs) => this.records.push(...rs));
    this.socket.on('dropped', (d) => this.dropped.push(d));
    this.socket.on('metrics_update', (m) => this.metrics.push(m));
  }

  /** Resolves once connected; rejects with the server's reason when refused. */
  connected(): Promise<this> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve(this);
      this.socket.once('connect', () => resolve(this));
      this.socket.once('connect_error', reject);
    });
  }

  /** Sets filters; resolves with the server's answer (`filters_set` or `filters_error`). */
  setFilters(filters: LiveFilters): Promise<{ event: 'filters_set' | 'filters_error'; payload: unknown }> {
    return new Promise((resolve) => {
      const done = (event: 'filters_set' | 'filters_error') => (payload: unknown) => {
        this.socket.off('filters_set');
        this.socket.off('filters_error');
        resolve({ event, payload });
      };
      this.socket.once('filters_set', done('filters_set'));
      this.socket.once('filters_error', done('filters_error'));
      this.socket.emit('set_filters', filters);
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Waits until `probe` holds, polling; fails the test with `what` after `timeoutMs`. */
export async function until(probe: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Lets in-flight messages arrive before asserting that something did not come. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
