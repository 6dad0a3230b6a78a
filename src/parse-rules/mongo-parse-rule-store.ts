import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { asDocument, documentSchema, fromDocument, isDuplicateKey } from '../platform/metadata/mongo-documents';
import { SavedParseRule, SavedParseRuleChanges } from './parse-rule-record';
import { DuplicateRuleNameError, ParseRuleStore } from './parse-rule-store';

const parseRuleSchema: Schema = documentSchema<SavedParseRule>(
  {
    tenantId: String, name: String, service: String, description: String, spec: Schema.Types.Mixed,
    createdBy: String, createdAt: Number, updatedAt: Number,
  },
  [[{ tenantId: 1, name: 1 }, { unique: true }], [{ tenantId: 1, service: 1, updatedAt: -1 }]],
);

export class MongoParseRuleStore extends ParseRuleStore {
  private constructor(private readonly rules: Model<SavedParseRule>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoParseRuleStore> {
    return new MongoParseRuleStore(await mongo.model('parse_rules', parseRuleSchema));
  }

  async create(r: SavedParseRule): Promise<void> {
    try {
      await this.rules.collection.insertOne(asDocument(r) as never);
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateRuleNameError(r.name);
      throw err;
    }
  }

  async list(tenantId: string): Promise<SavedParseRule[]> {
    return (await this.rules.find({ tenantId }).sort({ name: 1 }).lean()).map((d) => fromDocument<SavedParseRule>(d));
  }

  async get(tenantId: string, id: string): Promise<SavedParseRule | null> {
    const doc = await this.rules.findOne({ _id: id, tenantId }).lean();
    return doc ? fromDocument<SavedParseRule>(doc) : null;
  }

  async findByName(tenantId: string, name: string): Promise<SavedParseRule | null> {
    const doc = await this.rules.findOne({ tenantId, name }).lean();
    return doc ? fromDocument<SavedParseRule>(doc) : null;
  }

  async findByService(tenantId: string, service: string): Promise<SavedParseRule | null> {
    const doc = await this.rules.findOne({ tenantId, service }).sort({ updatedAt: -1, _id: -1 }).lean();
    return doc ? fromDocument<SavedParseRule>(doc) : null;
  }

  async update(tenantId: string, id: string, changes: SavedParseRuleChanges): Promise<SavedParseRule | null> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    // FerretDB answers a unique-index conflict of an update with InternalError, not 11000: asked first.
    if (changes.name !== undefined) {
      const holder = await this.findByName(tenantId, changes.name);
      if (holder && holder.id !== id) throw new DuplicateRuleNameError(changes.name);
    }
    try {
      await this.rules.collection.updateOne({ _id: id as never, tenantId }, { $set: set });
    } catch (err) {
      if (isDuplicateKey(err)) throw new DuplicateRuleNameError(changes.name ?? '');
      throw err;
    }
    return this.get(tenantId, id);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.rules.deleteOne({ _id: id, tenantId })).deletedCount > 0;
  }
}
