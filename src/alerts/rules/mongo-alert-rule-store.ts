import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../../platform/metadata/mongo-connection';
import { asDocument, documentSchema, fromDocument, plain } from '../../platform/metadata/mongo-documents';
import { AlertRule, AlertRuleDefinition, definitionOf } from './alert-rule';
import { AlertRuleStore } from './alert-rule-store';

/** A rule is one document: its definition's fields beside owner and statistics. */
const ruleSchema: Schema = documentSchema<AlertRule>(
  { tenantId: String, enabled: Boolean, createdAt: Number },
  [[{ tenantId: 1, createdAt: 1 }], [{ tenantId: 1, enabled: 1, createdAt: 1 }]],
);

const OLDEST_FIRST = { createdAt: 1, _id: 1 } as const;

/** Alert rules in the MongoDB metadata database, collection `alert_rules`. */
export class MongoAlertRuleStore extends AlertRuleStore {
  private constructor(private readonly rules: Model<AlertRule>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoAlertRuleStore> {
    return new MongoAlertRuleStore(await mongo.model('alert_rules', ruleSchema));
  }

  async create(rule: AlertRule): Promise<void> {
    const { id, tenantId, ownerId, ownerName, createdAt, updatedAt, timesFired, lastFiredAt } = rule;
    await this.rules.collection.insertOne(asDocument(plain({ ...definitionOf(rule), id, tenantId, ownerId, ownerName, createdAt, updatedAt, timesFired, lastFiredAt })) as never);
  }

  async get(tenantId: string, id: string): Promise<AlertRule | null> {
    const doc = await this.rules.findOne({ _id: id, tenantId }).lean();
    return doc ? fromDocument<AlertRule>(doc) : null;
  }

  async list(tenantId: string): Promise<AlertRule[]> {
    return (await this.rules.find({ tenantId }).sort(OLDEST_FIRST).lean()).map((d) => fromDocument<AlertRule>(d));
  }

  async listEnabled(tenantId: string): Promise<AlertRule[]> {
    return (await this.rules.find({ tenantId, enabled: true }).sort(OLDEST_FIRST).lean()).map((d) => fromDocument<AlertRule>(d));
  }

  async replace(tenantId: string, id: string, definition: AlertRuleDefinition, updatedAt: number): Promise<AlertRule | null> {
    // Every definition field is present in definitionOf (null when empty), so $set replaces them all.
    const doc = await this.rules.collection.findOneAndUpdate(
      { _id: id, tenantId } as never,
      { $set: { ...plain(definitionOf(definition)), updatedAt } },
      { returnDocument: 'after' },
    );
    return doc ? fromDocument<AlertRule>(doc) : null;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.rules.deleteOne({ _id: id, tenantId })).deletedCount > 0;
  }

  async recordFired(tenantId: string, id: string, at: number): Promise<void> {
    // $max over a null lastFiredAt gives `at`: null sorts below every number.
    await this.rules.collection.updateOne({ _id: id, tenantId } as never, { $inc: { timesFired: 1 }, $max: { lastFiredAt: at } });
  }
}
