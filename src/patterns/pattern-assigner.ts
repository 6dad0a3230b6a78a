import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DrainMiner, Template, templateText, WILDCARD } from './drain-miner';
import { PatternCount, PatternKey, patternKeyText } from './pattern-key';
import { PatternChange, PatternStore } from './pattern-store';

/** A pattern's id: a hash of its service and the template it was made with (docs/decisions/0035, 0060). */
export function patternId(service: string | null, template: string): string {
  return createHash('sha1').update(`${service ?? ''}\u0000${template}`).digest('hex').slice(0, 12);
}

export interface PatternAssignerOptions {
  /** Templates a tenant may have; lines of a new shape beyond it share one catch-all pattern per service. */
  maxTemplatesPerTenant?: number;
  /** Shapes whose answer is remembered per tenant; the memo is emptied when it grows past this. */
  maxRememberedShapes?: number;
}

interface TenantPatterns {
  miners: Map<string | null, DrainMiner>;
  /** Shape (service + masked line) → pattern id: the same shape always gets the same answer. */
  shapes: Map<string, string>;
  templates: Map<string, { service: string | null; template: Template; sample: string; firstSeen: number; lastSeen: number }>;
}

/**
 * Gives every ingested line its pattern id (docs/decisions/0060). One per process, on the
 * main thread: the ingest workers ask it only for line shapes they have not seen (a few per
 * chunk once a tenant's traffic is known), so the Drain miners of a tenant live in one place
 * and every worker stamps the same id on the same shape. A pattern is saved before its id is
 * handed out (a stored record never names an unknown pattern), and so is a template that
 * generalized; counts are saved as chunks are committed.
 */
export class PatternAssigner {
  private readonly logger = new Logger('PatternAssigner');
  private readonly tenants = new Map<string, Promise<TenantPatterns>>();
  private readonly maxTemplates: number;
  private readonly maxShapes: number;
  private readonly saving = new Set<Promise<unknown>>();

  constructor(
    private readonly store: PatternStore,
    options: PatternAssignerOptions = {},
  ) {
    this.maxTemplates = options.maxTemplatesPerTenant ?? 5_000;
    this.maxShapes = options.maxRememberedShapes ?? 100_000;
  }

  /** The pattern id of each key, in order. */
  async assign(tenantId: string, keys: readonly PatternKey[]): Promise<string[]> {
    const t = await this.tenant(tenantId);
    // Made or generalized by these keys: saved before the ids are handed out.
    const created: PatternChange[] = [];
    const ids = keys.map((key) => {
      const shape = patternKeyText(key.service, key.masked);
      const known = t.shapes.get(shape);
      if (known !== undefined) return known;
      const id = this.file(t, key, created);
      if (t.shapes.size >= this.maxShapes) t.shapes.clear();
      t.shapes.set(shape, id);
      return id;
    });
    if (created.length > 0) await this.store.save(tenantId, created);
    return ids;
  }

  /** Counts committed records of each pattern; saved at once, in the background. */
  counted(tenantId: string, counts: readonly PatternCount[]): void {
    const loading = this.tenants.get(tenantId);
    if (!loading || counts.length === 0) return;
    const saving = loading
      .then((t) => {
        const changes: PatternChange[] = [];
        for (const c of counts) {
          const entry = t.templates.get(c.id);
          if (!entry) continue;
          entry.template.count += c.count;
          entry.firstSeen = Math.min(entry.firstSeen, c.firstSeen);
          entry.lastSeen = Math.max(entry.lastSeen, c.lastSeen);
          changes.push({ id: c.id, service: entry.service, template: templateText(entry.template), sample: entry.sample, count: c.count, firstSeen: c.firstSeen, lastSeen: c.lastSeen });
        }
        return this.store.save(tenantId, changes);
      })
      .catch((err: unknown) => this.logger.error(`Saving pattern counts of tenant ${tenantId} failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => this.saving.delete(saving));
    this.saving.add(saving);
  }

  /** Waits for the counts being saved (at shutdown, after ingest has drained). */
  async settled(): Promise<void> {
    await Promise.all([...this.saving]);
  }

  private file(t: TenantPatterns, key: PatternKey, created: PatternChange[]): string {
    const miner = this.minerOf(t, key.service);
    const tokens = key.masked === '' ? [] : key.masked.split(' ');
    if (t.templates.size >= this.maxTemplates) return this.catchAll(t, key, created);
    const { template, created: isNew, changed } = miner.addTokens(tokens);
    template.count--; // the miner counts lines; records are counted when committed
    if (isNew) {
      const change = { id: template.id, service: key.service, template: templateText(template), sample: key.sample, count: 0, firstSeen: key.timestamp, lastSeen: key.timestamp };
      t.templates.set(template.id, { service: key.service, template, sample: key.sample, firstSeen: key.timestamp, lastSeen: key.timestamp });
      created.push(change);
    } else if (changed) {
      const entry = t.templates.get(template.id)!;
      created.push({ id: template.id, service: key.service, template: templateText(template), sample: entry.sample, count: 0, firstSeen: entry.firstSeen, lastSeen: entry.lastSeen });
    }
    return template.id;
  }

  /** One `<*>` pattern per service for shapes beyond the tenant's template budget. */
  private catchAll(t: TenantPatterns, key: PatternKey, created: PatternChange[]): string {
    const id = patternId(key.service, WILDCARD);
    if (!t.templates.has(id)) {
      const template: Template = { id, tokens: [WILDCARD], count: 0 };
      t.templates.set(id, { service: key.service, template, sample: key.sample, firstSeen: key.timestamp, lastSeen: key.timestamp });
      created.push({ id, service: key.service, template: WILDCARD, sample: key.sample, count: 0, firstSeen: key.timestamp, lastSeen: key.timestamp });
    }
    return id;
  }

  private minerOf(t: TenantPatterns, service: string | null): DrainMiner {
    let miner = t.miners.get(service);
    if (!miner) {
      miner = new DrainMiner({ newId: (tokens) => patternId(service, tokens.join(' ')) });
      t.miners.set(service, miner);
    }
    return miner;
  }

  /** A tenant's templates, read from the store once per process and rebuilt into its miners. */
  private tenant(tenantId: string): Promise<TenantPatterns> {
    let loading = this.tenants.get(tenantId);
    if (!loading) {
      loading = this.load(tenantId);
      this.tenants.set(tenantId, loading);
      loading.catch(() => this.tenants.delete(tenantId));
    }
    return loading;
  }

  private async load(tenantId: string): Promise<TenantPatterns> {
    const t: TenantPatterns = { miners: new Map(), shapes: new Map(), templates: new Map() };
    for (const p of await this.store.list(tenantId)) {
      const template: Template = { id: p.id, tokens: p.template === '' ? [] : p.template.split(' '), count: p.count };
      t.templates.set(p.id, { service: p.service, template, sample: p.sample, firstSeen: p.firstSeen, lastSeen: p.lastSeen });
      if (p.template !== WILDCARD) this.minerOf(t, p.service).restore(template);
    }
    return t;
  }
}
