import { DeliveryOutbox } from './delivery-outbox';
import { OutboxEntry, OutboxSettlement } from './outbox-entry';

interface Row {
  entry: OutboxEntry;
  leaseUntil: number | null;
  token: string | null;
}

const oldestFirst = (a: OutboxEntry, b: OutboxEntry) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

/** In-memory DeliveryOutbox for unit tests, with the same claims as SQLite. */
export class FakeDeliveryOutbox extends DeliveryOutbox {
  private readonly rows = new Map<string, Row>();

  async add(tenantId: string, entries: OutboxEntry[]): Promise<string[]> {
    const added: string[] = [];
    for (const entry of entries) {
      if (this.rows.has(entry.id)) continue;
      this.rows.set(entry.id, { entry: { ...structuredClone(entry), tenantId }, leaseUntil: null, token: null });
      added.push(entry.id);
    }
    return added;
  }

  async due(tenantId: string, now: number, limit: number): Promise<OutboxEntry[]> {
    return [...this.rows.values()]
      .filter((r) => r.entry.tenantId === tenantId && claimable(r, now))
      .map((r) => structuredClone(r.entry))
      .sort(oldestFirst)
      .slice(0, limit);
  }

  async claim(tenantId: string, id: string, now: number, leaseUntil: number, token: string): Promise<OutboxEntry | null> {
    const row = this.rows.get(id);
    if (!row || row.entry.tenantId !== tenantId || !claimable(row, now)) return null;
    row.leaseUntil = leaseUntil;
    row.token = token;
    return structuredClone(row.entry);
  }

  async settle(tenantId: string, id: string, token: string, settlement: OutboxSettlement): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.entry.tenantId !== tenantId || row.token !== token) return false;
    Object.assign(row.entry, settlement);
    row.leaseUntil = null;
    row.token = null;
    return true;
  }

  async forAlert(tenantId: string, alertId: string): Promise<OutboxEntry[]> {
    return [...this.rows.values()]
      .filter((r) => r.entry.tenantId === tenantId && r.entry.alertId === alertId)
      .map((r) => structuredClone(r.entry))
      .sort(oldestFirst);
  }
}

function claimable(row: Row, now: number): boolean {
  return row.entry.status === 'pending' && row.entry.nextAttemptAt <= now && (row.leaseUntil === null || row.leaseUntil <= now);
}
