// A child process of the live bench holding socket.io subscribers, so that decoding what they
// receive does not run on the event loop of the bench's ingest clients. Real subscribers
// (browsers, scripts) are never in the shipper's process: with 50 of them in the bench's own
// process, every frame they read delayed the next bulk request of a closed-loop client.
// The child still shares the machine's cores with the server, as subscribers on one host do.
//
// Protocol over the IPC channel: the parent sends {open: {baseUrl, token, filters}}, the child
// answers {opened} (or {error}); {count} is answered with {received, dropped}; {close} ends it.

import { fork, ChildProcess } from 'node:child_process';
import { LiveFiltersInput, SocketSubscriber } from './live-bench-clients';

interface OpenRequest {
  baseUrl: string;
  token: string;
  filters: LiveFiltersInput[];
}
type ParentMessage = { open: OpenRequest } | { count: true } | { close: true };
type ChildMessage = { opened: number } | { received: number; dropped: number } | { error: string };

/** The parent's handle on a child holding subscribers. */
export class SubscriberProcess {
  private constructor(private readonly child: ChildProcess) {}

  /** Forks the child and opens one socket.io subscriber per filter there; resolves once all answered filters_set. */
  static async open(request: OpenRequest): Promise<SubscriberProcess> {
    const child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    if (process.env.XNICE) require('os').setPriority(child.pid!, Number(process.env.XNICE));
    const handle = new SubscriberProcess(child);
    const answer = await handle.ask({ open: request });
    if ('error' in answer) throw new Error(`live subscriber process: ${answer.error}`);
    return handle;
  }

  async counts(): Promise<{ received: number; dropped: number }> {
    const answer = await this.ask({ count: true });
    if (!('received' in answer)) throw new Error(`live subscriber process answered ${JSON.stringify(answer)}`);
    return answer;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ close: true } satisfies ParentMessage);
    await exited;
  }

  private ask(message: ParentMessage): Promise<ChildMessage> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`live subscriber process exited (${code}) before answering`));
      this.child.once('exit', onExit);
      this.child.once('message', (m) => {
        this.child.off('exit', onExit);
        resolve(m as ChildMessage);
      });
      this.child.send(message);
    });
  }
}

function serve(): void {
  let subscribers: SocketSubscriber[] = [];
  const reply = (m: ChildMessage) => process.send!(m);
  process.on('message', (m: ParentMessage) => {
    if ('open' in m) {
      const { baseUrl, token, filters } = m.open;
      Promise.all(filters.map((f) => SocketSubscriber.open(baseUrl, token, f))).then(
        (opened) => {
          subscribers = opened;
          reply({ opened: opened.length });
        },
        (err: Error) => reply({ error: err.message }),
      );
    } else if ('count' in m) {
      reply({ received: subscribers.reduce((n, s) => n + s.received, 0), dropped: subscribers.reduce((n, s) => n + s.dropped, 0) });
    } else {
      subscribers.forEach((s) => s.close());
      process.disconnect();
      setTimeout(() => process.exit(0), 100);
    }
  });
}

if (require.main === module) serve();
