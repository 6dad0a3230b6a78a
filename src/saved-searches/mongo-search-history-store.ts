import { Model, Schema } from 'mongoose';
import { documentSchema, fromDocument, asDocument } from '../platform/metadata/mongo-documents';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { PopularQuery, SearchHistoryEntry } from './search-history';
import { SearchHistoryStore } from './search-history-store';

const historySchema: Schema = documentSchema<SearchHistoryEntry>(
  {
    tenantId: String, userId: String, query: String, filters: Schema.Types.Mixed, total: Number, durationMs: Number,
    searchedAt: Number,
  },
  [[{ tenantId: 1, userId: 1, searchedAt: -1, _id: -1 }], [{ tenantId: 1, searchedAt: -1 }]],
);

const NEWEST_FIRST = { searchedAt: -1, _id: -1 } as const;

export class MongoSearchHistoryStore extends SearchHistoryStore {
  private constructor(private readonly history: Model<SearchHistoryEntry>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoSearchHistoryStore> {
    return new MongoSearchHistoryStore(await mongo.model('search_history', historySchema));
  }

  async add(e: SearchHistoryEntry, keepPerUser: number): Promise<void> {
    await this.history.collection.insertOne(asDocument(e) as never);
    // The newest entry past the bound; it and everything older go. Two concurrent adds may
    // each trim: the bound holds either way, as trimming is idempotent.
    const cut = await this.history
      .find({ tenantId: e.tenantId, userId: e.userId }, { searchedAt: 1 })
      .sort(NEWEST_FIRST).skip(keepPerUser).limit(1).lean();
    if (cut.length === 0) return;
    const { _id, searchedAt } = cut[0] as unknown as { _id: string; searchedAt: number };
    await this.history.deleteMany({
      tenantId: e.tenantId, userId: e.userId,
      $or: [{ searchedAt: { $lt: searchedAt } }, { searchedAt, _id: { $lte: _id } }],
    });
  }

  async list(tenantId: string, userId: string, limit: number): Promise<SearchHistoryEntry[]> {
    const docs = await this.history.find({ tenantId, userId }).sort(NEWEST_FIRST).limit(limit).lean();
    return docs.map((d) => fromDocument<SearchHistoryEntry>(d));
  }

  async popular(tenantId: string, since: number, limit: number): Promise<PopularQuery[]> {
    // Grouped here rather than by $group: FerretDB 1.24 implements neither $max nor $first
    // as accumulators. The input is small: every user's history is bounded (see `add`).
    const docs = await this.history
      .find({ tenantId, searchedAt: { $gte: since }, query: { $ne: '' } }, { query: 1, searchedAt: 1, _id: 0 })
      .lean<{ query: string; searchedAt: number }[]>();
    const byQuery = new Map<string, PopularQuery>();
    for (const { query, searchedAt } of docs) {
      const seen = byQuery.get(query);
      if (seen) {
        seen.count++;
        seen.lastSearched = Math.max(seen.lastSearched, searchedAt);
      } else byQuery.set(query, { query, count: 1, lastSearched: searchedAt });
    }
    return [...byQuery.values()]
      .sort((a, b) => b.count - a.count || b.lastSearched - a.lastSearched || (a.query < b.query ? -1 : a.query > b.query ? 1 : 0))
      .slice(0, limit);
  }

  async clear(tenantId: string, userId: string): Promise<number> {
    return (await this.history.deleteMany({ tenantId, userId })).deletedCount;
  }
}
