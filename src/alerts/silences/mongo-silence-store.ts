import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../../platform/metadata/mongo-connection';
import { asDocument, documentSchema, fromDocument, plain } from '../../platform/metadata/mongo-documents';
import { Silence } from './silence';
import { SilenceStore } from './silence-store';

const silenceSchema: Schema = documentSchema<Silence>(
  { tenantId: String, startsAt: Number, endsAt: Number },
  [[{ tenantId: 1, startsAt: -1 }], [{ tenantId: 1, endsAt: 1 }]],
);

/** Silences in the MongoDB metadata database, collection `alert_silences`. */
export class MongoSilenceStore extends SilenceStore {
  private constructor(private readonly silences: Model<Silence>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoSilenceStore> {
    return new MongoSilenceStore(await mongo.model('alert_silences', silenceSchema));
  }

  async create(s: Silence): Promise<void> {
    await this.silences.collection.insertOne(asDocument(plain(s)) as never);
  }

  async get(tenantId: string, id: string): Promise<Silence | null> {
    const doc = await this.silences.findOne({ _id: id, tenantId }).lean();
    return doc ? fromDocument<Silence>(doc) : null;
  }

  async list(tenantId: string, activeAt?: number): Promise<Silence[]> {
    const filter = activeAt === undefined ? { tenantId } : { tenantId, endsAt: { $gt: activeAt } };
    return (await this.silences.find(filter).sort({ startsAt: -1, _id: -1 }).lean()).map((d) => fromDocument<Silence>(d));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.silences.deleteOne({ _id: id, tenantId })).deletedCount > 0;
  }
}
