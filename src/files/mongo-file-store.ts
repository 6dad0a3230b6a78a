import { Model, Schema } from 'mongoose';
import { documentSchema, fromDocument, isDuplicateKey, asDocument } from '../platform/metadata/mongo-documents';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { DuplicateSourceKeyError, FileStore } from './file-store';
import { FileProgress, LogFile } from './file-types';

const fileSchema: Schema = documentSchema<LogFile>(
  {
    tenantId: String, originalName: String, storedPath: String, source: String, sourceKey: String, format: String,
    size: Number, status: String, linesTotal: Number, bytesProcessed: Number, accepted: Number, rejected: Number,
    errors: Schema.Types.Mixed, failure: String, options: Schema.Types.Mixed, uploadedBy: String, uploadDate: Number,
    completedAt: Number, description: String, contentHash: String,
  },
  [[{ tenantId: 1, uploadDate: -1 }], [{ status: 1 }], [{ tenantId: 1, contentHash: 1 }]],
);

/**
 * A watched-folder source key, kept as the `_id` of its own collection: a unique key that
 * most files don't have, without relying on partial or sparse unique indexes (which not
 * every MongoDB-protocol server implements).
 */
const sourceKeySchema: Schema = documentSchema<{ _id: string; fileId: string }>({ fileId: String });

export class MongoFileStore extends FileStore {
  private constructor(
    private readonly files: Model<LogFile>,
    private readonly sourceKeys: Model<{ _id: string; fileId: string }>,
  ) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoFileStore> {
    return new MongoFileStore(await mongo.model('files', fileSchema), await mongo.model('file_source_keys', sourceKeySchema));
  }

  async create(f: LogFile): Promise<void> {
    if (f.sourceKey !== null) {
      try {
        await this.sourceKeys.collection.insertOne({ _id: f.sourceKey, fileId: f.id } as never);
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateSourceKeyError(f.sourceKey);
        throw err;
      }
    }
    await this.files.collection.insertOne(asDocument(f) as never);
  }

  async get(tenantId: string, id: string): Promise<LogFile | null> {
    const doc = await this.files.findOne({ _id: id, tenantId }).lean();
    return doc ? fromDocument<LogFile>(doc) : null;
  }

  async list(tenantId: string, offset: number, limit: number): Promise<{ files: LogFile[]; total: number }> {
    const [docs, total] = await Promise.all([
      this.files.find({ tenantId }).sort({ uploadDate: -1, _id: -1 }).skip(offset).limit(limit).lean(),
      this.files.countDocuments({ tenantId }),
    ]);
    return { files: docs.map((d) => fromDocument<LogFile>(d)), total };
  }

  async updateProgress(tenantId: string, id: string, progress: Partial<FileProgress>): Promise<void> {
    const set = Object.fromEntries(Object.entries(progress).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length > 0) await this.files.updateOne({ _id: id, tenantId }, { $set: set });
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const doc = await this.files.findOneAndDelete({ _id: id, tenantId }).lean();
    if (!doc) return false;
    const sourceKey = (doc as unknown as LogFile).sourceKey;
    if (sourceKey !== null) await this.sourceKeys.deleteOne({ _id: sourceKey, fileId: id });
    return true;
  }

  async existsSourceKey(sourceKey: string): Promise<boolean> {
    return (await this.sourceKeys.exists({ _id: sourceKey })) !== null;
  }

  async findByContentHash(tenantId: string, contentHash: string): Promise<LogFile | null> {
    const doc = await this.files.findOne({ tenantId, contentHash, status: { $ne: 'failed' } }).sort({ uploadDate: -1, _id: -1 }).lean();
    return doc ? fromDocument<LogFile>(doc) : null;
  }

  async listUnfinished(): Promise<LogFile[]> {
    const docs = await this.files.find({ status: { $in: ['pending', 'processing'] } }).sort({ uploadDate: 1 }).lean();
    return docs.map((d) => fromDocument<LogFile>(d));
  }
}
