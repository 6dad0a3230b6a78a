import { AlertChannel } from './alert-channel';
import { AlertChannelStore } from './alert-channel-store';

/** In-memory AlertChannelStore for unit tests. */
export class FakeAlertChannelStore extends AlertChannelStore {
  private readonly channels = new Map<string, AlertChannel>();

  private owned(tenantId: string, id: string): AlertChannel | undefined {
    const c = this.channels.get(id);
    return c && c.tenantId === tenantId ? c : undefined;
  }

  async create(channel: AlertChannel): Promise<void> {
    if (this.channels.has(channel.id)) throw new Error(`duplicate channel id ${channel.id}`);
    this.channels.set(channel.id, structuredClone(channel));
  }

  async get(tenantId: string, id: string): Promise<AlertChannel | null> {
    const c = this.owned(tenantId, id);
    return c ? structuredClone(c) : null;
  }

  async list(tenantId: string): Promise<AlertChannel[]> {
    return [...this.channels.values()]
      .filter((c) => c.tenantId === tenantId)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
      .map((c) => structuredClone(c));
  }

  async update(tenantId: string, id: string, changes: Pick<AlertChannel, 'name' | 'type' | 'config' | 'updatedAt'>): Promise<AlertChannel | null> {
    const c = this.owned(tenantId, id);
    if (!c) return null;
    Object.assign(c, structuredClone(changes));
    return structuredClone(c);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.owned(tenantId, id) !== undefined && this.channels.delete(id);
  }
}
