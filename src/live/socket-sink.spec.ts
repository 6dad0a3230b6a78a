import { Decoder, Packet } from 'socket.io-parser';
import { LiveEntry } from './live-entry';
import { LiveSocket, SocketSink } from './socket-sink';

/** What a socket.io client would decode from the packets the sink wrote. */
function decodeAll(packets: string[]): { nsp: string; data: unknown[] }[] {
  const decoder = new Decoder();
  const out: { nsp: string; data: unknown[] }[] = [];
  decoder.on('decoded', (p: Packet) => void out.push({ nsp: p.nsp, data: p.data as unknown[] }));
  packets.forEach((p) => decoder.add(p));
  return out;
}

describe('SocketSink', () => {
  const written: string[] = [];
  const socket = { connected: true, conn: { writeBuffer: [], write: (p: string) => void written.push(p) } } as unknown as LiveSocket;
  const entry = (id: string, message: string): LiveEntry => ({ id, json: JSON.stringify({ id, message, fields: { nested: { quote: '"]},' } } }) });

  it('writes packets from the shared JSON that decode as the log and logs events of /live', () => {
    const sink = new SocketSink(socket);
    const a = entry('a', 'one </script>');
    const b = entry('b', 'two, ["logs"]');
    sink.send([a]);
    sink.send([a, b]);
    sink.send([]);
    expect(decodeAll(written)).toEqual([
      { nsp: '/live', data: ['log', JSON.parse(a.json)] },
      { nsp: '/live', data: ['logs', [JSON.parse(a.json), JSON.parse(b.json)]] },
    ]);
  });

  it('writes the same packet to every socket flushing the same batch, and each batch to each', () => {
    written.length = 0;
    const [one, two] = [new SocketSink(socket), new SocketSink(socket)];
    const a = entry('a', 'x');
    const b = entry('b', 'y');
    one.send([a, b]);
    two.send([a, b]);
    two.send([b]);
    expect(written[0]).toBe(written[1]);
    expect(decodeAll(written)).toEqual([
      { nsp: '/live', data: ['logs', [JSON.parse(a.json), JSON.parse(b.json)]] },
      { nsp: '/live', data: ['logs', [JSON.parse(a.json), JSON.parse(b.json)]] },
      { nsp: '/live', data: ['log', JSON.parse(b.json)] },
    ]);
  });
});
