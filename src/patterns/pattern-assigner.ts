import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DrainMiner, mergeTemplates, Template, templateText, WILDCARD } from './drain-miner';
import { PatternCount, PatternKey, patternKeyText } from './pattern-key';
import { PatternChange, PatternDraft, PatternStore } from './pattern-store';

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
  /** Per service, the store's publish revision this process's miner is up to. */
  revisions: Map<string | null, number>;
  /** Calls of assign run one after another per tenant: a publish awaits the store mid-mining. */
  queue: Promise<unknown>;
}

/** Undo entries of one mining pass: a template made (forget it) or generalized (its old tokens). */
type Journal = Array<{ template: Template; made: boolean; tokens: string[] }>;

/** Publishes one pass may lose in a row (other processes publishing the same service) before it keeps its templates locally. */
const MAX_PUBLISH_ATTEMPTS = 8;

/**
 * Gives every ingested line its pattern id (docs/decisions/0060, 0135). One per process, on
 * the main thread: the ingest workers ask it only for line shapes they have not seen (a few
 * per chunk once a tenant's traffic is known), so the Drain miners of a tenant live in one
 * place and every worker stamps the same id on the same shape. New and generalized templates
 * are published (PatternStore.publish, a compare-and-set per service) before their ids are
 * handed out; a process that lost the race reads what the others published, takes its own
 * templates back and mines the lines again, so processes on one metadata store give one
 * template one id. Counts are saved as chunks are committed.
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
    const run = t.queue.then(() => this.assignIn(tenantId, t, keys));
    t.queue = run.catch(() => undefined);
    return run;
  }

  private async assignIn(tenantId: string, t: TenantPatterns, keys: readonly PatternKey[]): Promise<string[]> {
    const unknown = new Map<string | null, Map<string, PatternKey>>();
    for (const key of keys) {
      const shape = patternKeyText(key.service, key.masked);
      if (t.shapes.has(shape)) continue;
      const ofService = unknown.get(key.service) ?? new Map<string, PatternKey>();
      if (!ofService.has(shape)) ofService.set(shape, key);
      unknown.set(key.service, ofService);
    }
    for (const [service, shapes] of unknown) {
      const ids = await this.mineService(tenantId, t, service, [...shapes.values()]);
      if (t.shapes.size + shapes.size >= this.maxShapes) t.shapes.clear();
      [...shapes.keys()].forEach((shape, i) => t.shapes.set(shape, ids[i]));
    }
    return keys.map((key) => t.shapes.get(patternKeyText(key.service, key.masked))!);
  }

  /** Ids for unseen shapes of one service; what they made or generalized is published first. */
  private async mineService(tenantId: string, t: TenantPatterns, service: string | null, keys: PatternKey[]): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      const journal: Journal = [];
      const catchAll: PatternChange[] = [];
      const ids = keys.map((key) => this.file(t, key, journal, catchAll));
      if (catchAll.length > 0) await this.store.save(tenantId, catchAll);
      const drafts = this.drafts(t, journal);
      if (drafts.length === 0) return ids;
      const revision = t.revisions.get(service) ?? 0;
      if (await this.store.publish(tenantId, service, revision, drafts)) {
        t.revisions.set(service, revision + 1);
        return ids;
      }
      if (attempt >= MAX_PUBLISH_ATTEMPTS) {
        // Stores that keep refusing (many processes minting one service at once): the ids are this process's own.
        this.logger.warn(`Pattern publish of tenant ${tenantId} lost ${attempt} races; keeping ${drafts.length} templates unpublished`);
        await this.store.save(tenantId, drafts.map((d) => ({ ...d, service, count: 0 })));
        return ids;
      }
      this.undo(t, service, journal);
      await this.catchUp(tenantId, t, service);
    }
  }

  /** The templates a pass made or generalized, as they are at its end. */
  private drafts(t: TenantPatterns, journal: Journal): PatternDraft[] {
    const touched = new Map(journal.map((j) => [j.template.id, j.template]));
    return [...touched.values()].map((template) => {
      const entry = t.templates.get(template.id)!;
      return { id: template.id, template: templateText(template), sample: entry.sample, firstSeen: entry.firstSeen, lastSeen: entry.lastSeen };
    });
  }

  private undo(t: TenantPatterns, service: string | null, journal: Journal): void {
    const miner = this.minerOf(t, service);
    for (const j of [...journal].reverse()) {
      if (j.made) {
        miner.forget(j.template);
        t.templates.delete(j.template.id);
      } else {
        j.template.tokens = j.tokens;
      }
    }
  }

  /** Brings a service's miner up to what other processes published. */
  private async catchUp(tenantId: string, t: TenantPatterns, service: string | null): Promise<void> {
    const { revision, templates } = await this.store.published(tenantId, service, t.revisions.get(service) ?? 0);
    const miner = this.minerOf(t, service);
    for (const p of templates) {
      const tokens = p.template === '' ? [] : p.template.split(' ');
      const known = t.templates.get(p.id);
      if (known) {
        known.template.tokens = mergeTemplates(known.template.tokens, tokens);
        continue;
      }
      const template: Template = { id: p.id, tokens, count: p.count };
      t.templates.set(p.id, { service, template, sample: p.sample, firstSeen: p.firstSeen, lastSeen: p.lastSeen });
      miner.restore(template);
    }
    t.revisions.set(service, revision);
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

  private file(t: TenantPatterns, key: PatternKey, journal: Journal, catchAll: PatternChange[]): string {
    const miner = this.minerOf(t, key.service);
    const tokens = key.masked === '' ? [] : key.masked.split(' ');
    if (t.templates.size >= this.maxTemplates) return this.catchAll(t, key, catchAll);
    const { template, created: isNew, changed, previous } = miner.addTokens(tokens);
    template.count--; // the miner counts lines; records are counted when committed
    if (isNew) {
      t.templates.set(template.id, { service: key.service, template, sample: key.sample, firstSeen: key.timestamp, lastSeen: key.timestamp });
      journal.push({ template, made: true, tokens: [] });
    } else if (changed) {
      journal.push({ template, made: false, tokens: previous });
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
    const t: TenantPatterns = { miners: new Map(), shapes: new Map(), templates: new Map(), revisions: new Map(), queue: Promise.resolve() };
    for (const p of await this.store.list(tenantId)) {
      const template: Template = { id: p.id, tokens: p.template === '' ? [] : p.template.split(' '), count: p.count };
      t.templates.set(p.id, { service: p.service, template, sample: p.sample, firstSeen: p.firstSeen, lastSeen: p.lastSeen });
      if (p.template !== WILDCARD) this.minerOf(t, p.service).restore(template);
      t.revisions.set(p.service, Math.max(t.revisions.get(p.service) ?? 0, p.revision));
    }
    return t;
  }
}
