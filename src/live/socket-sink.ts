import type { Socket } from 'socket.io';
import { ClientToServerEvents, DroppedNotice, LiveRecord, ServerToClientEvents } from './client-events';
import { LiveSink } from './live-subscriber';

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Packets engine.io may hold for a socket before it counts as not keeping up. Engine.io
 * queues a packet while the previous write is unflushed (websocket) or unpolled (polling),
 * so a client that stops reading shows up here within one or two messages.
 */
const MAX_QUEUED_PACKETS = 4;

/** A socket.io client as a live sink. */
export class SocketSink implements LiveSink {
  constructor(private readonly socket: LiveSocket) {}

  busy(): boolean {
    return !this.socket.connected || socketBacklog(this.socket) > MAX_QUEUED_PACKETS;
  }

  send(records: LiveRecord[]): void {
    if (records.length === 1) this.socket.emit('log', records[0]);
    else this.socket.emit('logs', records);
  }

  dropped(notice: DroppedNotice): void {
    this.socket.emit('dropped', notice);
  }
}

/** Packets waiting in engine.io's write buffer for this client. */
export function socketBacklog(socket: LiveSocket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}
