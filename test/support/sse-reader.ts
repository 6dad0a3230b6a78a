import * as http from 'node:http';

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
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const event = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = event.split('\n').find((l) => l.startsWith('data: '));
      if (!data) continue;
      const payload = JSON.parse(data.slice(6));
      if (event.startsWith('event: dropped')) this.dropped.push(payload);
      else this.records.push(payload);
    }
  }
}
