import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { documentSchema, insertIfNew, plain } from '../platform/metadata/mongo-documents';
import { PatternChange, PatternDraft, PatternStore, PatternTemplate } from './pattern-store';

/** A pattern document: `_id` is tenant and pattern id, so the same id in two tenants is two documents. */
interface PatternDocument extends Omit<PatternTemplate, 'id'> {
  _id: string;
  patternId: string;
}

/** One publish of a service: `_id` is tenant, service and revision, so a second publish of the same revision is refused. */
interface PublishDocument {
  _id: string;
  tenantId: string;
  serviceKey: string;
  revision: number;
  drafts: PatternDraft[];
}

const patternSchema: Schema = documentSchema<PatternDocument>(
  { tenantId: String, patternId: String, service: String, template: String, sample: String, count: Number, firstSeen: Number, lastSeen: Number, revision: Number },
  [[{ tenantId: 1, patternId: 1 }]],
);
const publishSchema: Schema = documentSchema<PublishDocument>(
  { tenantId: String, serviceKey: String, revision: Number, drafts: Schema.Types.Mixed },
  [[{ tenantId: 1, serviceKey: 1, revision: 1 }]],
);

const docId = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;
const serviceKey = (service: string | null) => (service === null ? '' : `s:${service}`);
const publishId = (tenantId: string, service: string | null, revision: number) => `${tenantId}\u0000${serviceKey(service)}\u0000${revision}`;

const toTemplate = (d: PatternDocument): PatternTemplate => ({
  tenantId: d.tenantId, id: d.patternId, service: d.service ?? null, template: d.template, sample: d.sample,
  count: d.count, firstSeen: d.firstSeen, lastSeen: d.lastSeen, revision: d.revision ?? 0,
});

/**
 * Patterns in the MongoDB metadata database, collection `log_patterns`, and the publish log
 * `log_pattern_publishes`. MongoDB has no transaction over documents here (FerretDB), so the
 * compare-and-set is the insert of revision n + 1's log document (its `_id` is unique); the
 * log is what `published` reads, and the pattern documents are then brought up to it (a
 * template is only replaced by a later revision's).
 */
export class MongoPatternStore extends PatternStore {
  private constructor(
    private readonly patterns: Model<PatternDocument>,
    private readonly publishes: Model<PublishDocument>,
  ) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoPatternStore> {
    return new MongoPatternStore(await mongo.model('log_patterns', patternSchema), await mongo.model('log_pattern_publishes', publishSchema));
  }

  async list(tenantId: string): Promise<PatternTemplate[]> {
    return (await this.patterns.find({ tenantId }).lean<PatternDocument[]>()).map(toTemplate);
  }

  async get(tenantId: string, ids: readonly string[]): Promise<PatternTemplate[]> {
    if (ids.length === 0) return [];
    return (await this.patterns.find({ tenantId, patternId: { $in: [...ids] } }).lean<PatternDocument[]>()).map(toTemplate);
  }

  async save(tenantId: string, changes: readonly PatternChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.patterns.collection.bulkWrite(
      changes.map((c) => ({
        updateOne: {
          filter: { _id: docId(tenantId, c.id) } as never,
          update: {
            $setOnInsert: { tenantId, patternId: c.id, service: c.service, sample: c.sample, template: c.template, revision: 0 },
            $inc: { count: c.count },
            $min: { firstSeen: c.firstSeen },
            $max: { lastSeen: c.lastSeen },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async publish(tenantId: string, service: string | null, expected: number, drafts: readonly PatternDraft[]): Promise<boolean> {
    const revision = expected + 1;
    if (expected > 0 && !(await this.publishes.exists({ _id: publishId(tenantId, service, expected) }))) return false;
    const log = { _id: publishId(tenantId, service, revision), tenantId, serviceKey: serviceKey(service), revision, drafts: plain([...drafts]) };
    if (!(await insertIfNew(this.publishes.collection, log))) return false;
    await this.apply(tenantId, service, revision, drafts);
    return true;
  }

  async published(tenantId: string, service: string | null, after: number): Promise<{ revision: number; templates: PatternTemplate[] }> {
    const log = await this.publishes.find({ tenantId, serviceKey: serviceKey(service), revision: { $gt: after } }).sort({ revision: 1 }).lean<PublishDocument[]>();
    const latest = new Map<string, { draft: PatternDraft; revision: number }>();
    for (const entry of log) for (const draft of entry.drafts) latest.set(draft.id, { draft, revision: entry.revision });
    // A publisher that stopped between its log entry and its pattern documents is caught up here.
    for (const entry of log) await this.apply(tenantId, service, entry.revision, entry.drafts);
    const stored = new Map((await this.get(tenantId, [...latest.keys()])).map((t) => [t.id, t]));
    const templates = [...latest.values()].map(({ draft, revision }): PatternTemplate => ({
      ...(stored.get(draft.id) ?? { tenantId, service, count: 0, ...draft }), template: draft.template, revision,
    }));
    const revision = log.length === 0 ? await this.currentRevision(tenantId, service, after) : log[log.length - 1].revision;
    return { revision, templates };
  }

  /** The service's revision when nothing was published after `after`: `after` itself, or 0 for a service never published. */
  private async currentRevision(tenantId: string, service: string | null, after: number): Promise<number> {
    if (after === 0) return 0;
    return (await this.publishes.exists({ _id: publishId(tenantId, service, after) })) ? after : 0;
  }

  private async apply(tenantId: string, service: string | null, revision: number, drafts: readonly PatternDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    await this.patterns.collection.bulkWrite(
      drafts.flatMap((d) => [
        {
          updateOne: {
            filter: { _id: docId(tenantId, d.id) } as never,
            update: { $setOnInsert: { tenantId, patternId: d.id, service, sample: d.sample, template: d.template, count: 0, firstSeen: d.firstSeen, lastSeen: d.lastSeen, revision } },
            upsert: true,
          },
        },
        { updateOne: { filter: { _id: docId(tenantId, d.id), revision: { $lt: revision } } as never, update: { $set: { template: d.template, revision } } } },
      ]),
      { ordered: true },
    );
  }
}
