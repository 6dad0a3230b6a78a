import type { Socket } from 'socket.io';
import { Encoder, PacketType } from 'socket.io-parser';
import { ClientToServerEvents, DroppedNotice, LIVE_NAMESPACE, ServerToClientEvents } from './client-events';
import { LiveEntry } from './live-entry';
import { LiveSink } from './live-subscriber';
import { SharedFrame } from './shared-frame';

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Packets engine.io may hold for a socket before it counts as not keeping up. Engine.io
 * queues a packet while the previous write is unflushed (websocket) or unpolled (polling),
 * so a client that stops reading shows up here within one or two messages.
 */
const MAX_QUEUED_PACKETS = 4;

/**
 * The start of a socket.io event packet on /live with the given name, as socket.io-parser
 * encodes it (`2/live,["logs",`): the packet is this, the payload's JSON, and `]`.
 */
export function eventPrefix(event: string): string {
  const [encoded] = new Encoder().encode({ type: PacketType.EVENT, nsp: LIVE_NAMESPACE, data: [event, 0] }) as string[];
  if (!encoded.endsWith(',0]')) throw new Error(`unexpected socket.io packet encoding: ${encoded}`);
  return encoded.slice(0, -2);
}
const LOG_PREFIX = eventPrefix('log');
const LOGS_PREFIX = eventPrefix('logs');
/** One packet per batch, whichever sockets send it. */
const PACKETS = new SharedFrame((entries) => (entries.length === 1 ? `${LOG_PREFIX}${entries[0].json}]` : `${LOGS_PREFIX}[${entries.map((e) => e.json).join(',')}]]`));

/**
 * A socket.io client as a live sink. Records go out as packets built from their shared JSON
 * (LiveEntry): socket.emit would walk each record for binary parts and stringify it again for
 * every subscriber, which at 10k records/s and 10 subscribers was most of the live cost.
 */
export class SocketSink implements LiveSink {
  constructor(private readonly socket: LiveSocket) {}

  busy(): boolean {
    return !this.socket.connected || socketBacklog(this.socket) > MAX_QUEUED_PACKETS;
  }

  unsentBytes(): number {
    return socketUnsentBytes(this.socket);
  }

  send(entries: LiveEntry[]): void {
    if (entries.length === 0) return;
    // What socket.emit ends in (Client.writeToEngine): one engine.io message per packet.
    this.socket.conn.write(PACKETS.of(entries));
  }

  dropped(notice: DroppedNotice): void {
    this.socket.emit('dropped', notice);
  }
}

type EngineConnection = { writeBuffer?: { data?: unknown }[]; transport?: { socket?: { bufferedAmount?: unknown } } };

/**
 * Bytes held for this client: packets in engine.io's write buffer (not yet given to the
 * transport) and, over a websocket, what it has not yet written to the network.
 */
export function socketUnsentBytes(socket: LiveSocket): number {
  const conn = socket.conn as unknown as EngineConnection;
  const queued = (conn.writeBuffer ?? []).reduce((n, packet) => n + packetBytes(packet.data), 0);
  const inWebSocket = conn.transport?.socket?.bufferedAmount;
  return queued + (typeof inWebSocket === 'number' ? inWebSocket : 0);
}

function packetBytes(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  return Buffer.isBuffer(data) ? data.length : 0;
}

/** Packets waiting in engine.io's write buffer for this client. */
export function socketBacklog(socket: LiveSocket): number {
  return (socket.conn as unknown as EngineConnection).writeBuffer?.length ?? 0;
}
