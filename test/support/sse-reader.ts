import * as http from 'node:http';
import { takeSseEvents } from '../../bench/sse-events';

/** An SSE stream read with node:http, as `curl -N` would: events parsed as they come. */
export class SseReader {
  readonly records: Record<string, unknown>[] = [];
  readonly dropped: { count: number; since: string }[] = [];
  status = 0;
  contentType = '';
  private req: http.ClientRequest;
  private res: http.IncomingMessage | null = null;
  private buffer = '';

  constructor(url: string, token: string) {
    this.req = http.get(url, { headers: { Authorization: `Bearer ${token}` }, agent: false }, (res) => {
      this.res = res;
      this.status = res.statusCode ?? 0;
      this.contentType = String(res.headers['content-type']);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.read(chunk));
    });
    this.req.on('error', () => undefined);
  }

  /** Resolves once the server answered (the stream is registered by then). */
  async opened(): Promise<this> {
    while (this.status === 0) await new Promise((r) => setTimeout(r, 10));
    return this;
  }

  /** Stops reading from the TCP socket, like a client that never reads. */
  pause(): void {
    this.res?.pause();
    this.req.socket?.pause();
  }

  resume(): void {
    this.req.socket?.resume();
    this.res?.resume();
  }

  close(): void {
    this.req.destroy();
  }

  private read(chunk: string): void {
    const { events, rest } = takeSseEvents(this.buffer + chunk);
    this.buffer = rest;
    for (const { event, data: payload } of events) {
      if (event === 'dropped') this.dropped.push(payload as { count: number; since: string });
      else this.records.push(payload as Record<string, unknown>);
    }
  }
}
