import { Model, Schema } from 'mongoose';
import { documentSchema, fromDocument, asDocument } from '../platform/metadata/mongo-documents';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { SavedSearch, SavedSearchChanges } from './saved-search';
import { SavedSearchStore } from './saved-search-store';

const savedSearchSchema: Schema = documentSchema<SavedSearch>(
  {
    tenantId: String, userId: String, name: String, description: String, filters: Schema.Types.Mixed,
    createdAt: Number, lastUsed: Number, useCount: Number,
  },
  [[{ tenantId: 1, userId: 1, createdAt: -1 }]],
);

export class MongoSavedSearchStore extends SavedSearchStore {
  private constructor(private readonly searches: Model<SavedSearch>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoSavedSearchStore> {
    return new MongoSavedSearchStore(await mongo.model('saved_searches', savedSearchSchema));
  }

  async create(s: SavedSearch): Promise<void> {
    await this.searches.collection.insertOne(asDocument(s) as never);
  }

  async list(tenantId: string, userId: string, limit: number): Promise<SavedSearch[]> {
    const docs = await this.searches.find({ tenantId, userId }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean();
    return docs.map((d) => fromDocument<SavedSearch>(d));
  }

  async get(tenantId: string, userId: string, id: string): Promise<SavedSearch | null> {
    const doc = await this.searches.findOne({ _id: id, tenantId, userId }).lean();
    return doc ? fromDocument<SavedSearch>(doc) : null;
  }

  async update(tenantId: string, userId: string, id: string, changes: SavedSearchChanges): Promise<SavedSearch | null> {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length > 0) await this.searches.updateOne({ _id: id, tenantId, userId }, { $set: set });
    return this.get(tenantId, userId, id);
  }

  async markUsed(tenantId: string, userId: string, id: string, at: number): Promise<SavedSearch | null> {
    await this.searches.updateOne({ _id: id, tenantId, userId }, { $inc: { useCount: 1 }, $set: { lastUsed: at } });
    return this.get(tenantId, userId, id);
  }

  async delete(tenantId: string, userId: string, id: string): Promise<boolean> {
    return (await this.searches.deleteOne({ _id: id, tenantId, userId })).deletedCount > 0;
  }
}
