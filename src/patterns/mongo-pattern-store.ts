import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { documentSchema } from '../platform/metadata/mongo-documents';
import { PatternChange, PatternStore, PatternTemplate } from './pattern-store';

/** A pattern document: `_id` is tenant and pattern id, so the same id in two tenants is two documents. */
interface PatternDocument extends Omit<PatternTemplate, 'id'> {
  _id: string;
  patternId: string;
}

const patternSchema: Schema = documentSchema<PatternDocument>(
  { tenantId: String, patternId: String, service: String, template: String, sample: String, count: Number, firstSeen: Number, lastSeen: Number },
  [[{ tenantId: 1, patternId: 1 }]],
);

const docId = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;

const toTemplate = (d: PatternDocument): PatternTemplate => ({
  tenantId: d.tenantId, id: d.patternId, service: d.service ?? null, template: d.template, sample: d.sample,
  count: d.count, firstSeen: d.firstSeen, lastSeen: d.lastSeen,
});

/** Patterns in the MongoDB metadata database, collection `log_patterns`. */
export class MongoPatternStore extends PatternStore {
  private constructor(private readonly patterns: Model<PatternDocument>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoPatternStore> {
    return new MongoPatternStore(await mongo.model('log_patterns', patternSchema));
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
            $setOnInsert: { tenantId, patternId: c.id, service: c.service, sample: c.sample },
            $set: { template: c.template },
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
}
