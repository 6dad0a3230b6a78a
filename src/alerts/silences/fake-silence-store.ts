import { Silence } from './silence';
import { SilenceStore } from './silence-store';

/** In-memory SilenceStore for unit tests. */
export class FakeSilenceStore extends SilenceStore {
  private readonly silences = new Map<string, Silence>();

  async create(silence: Silence): Promise<void> {
    if (this.silences.has(silence.id)) throw new Error(`duplicate silence id ${silence.id}`);
    this.silences.set(silence.id, structuredClone(silence));
  }

  async get(tenantId: string, id: string): Promise<Silence | null> {
    const s = this.silences.get(id);
    return s && s.tenantId === tenantId ? structuredClone(s) : null;
  }

  async list(tenantId: string, activeAt?: number): Promise<Silence[]> {
    return [...this.silences.values()]
      .filter((s) => s.tenantId === tenantId && (activeAt === undefined || s.endsAt > activeAt))
      .sort((a, b) => b.startsAt - a.startsAt || (a.id < b.id ? 1 : -1))
      .map((s) => structuredClone(s));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.get(tenantId, id)) !== null && this.silences.delete(id);
  }
}
