import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { asDocument, documentSchema, fromDocument } from '../platform/metadata/mongo-documents';
import { Dashboard } from './dashboard';
import { DashboardStore, SaveResult } from './dashboard-store';

const dashboardSchema: Schema = documentSchema<Dashboard>(
  {
    tenantId: String, ownerId: String, ownerName: String, name: String, description: String, shared: Boolean,
    timeRange: Schema.Types.Mixed, refreshSeconds: Number, widgets: Schema.Types.Mixed, version: Number, createdAt: Number, updatedAt: Number,
  },
  [[{ tenantId: 1, updatedAt: -1 }]],
);

const visible = (tenantId: string, viewerId: string | null) => ({ tenantId, $or: [{ shared: true }, { ownerId: viewerId }] });

export class MongoDashboardStore extends DashboardStore {
  private constructor(private readonly dashboards: Model<Dashboard>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoDashboardStore> {
    return new MongoDashboardStore(await mongo.model('dashboards', dashboardSchema));
  }

  async create(d: Dashboard): Promise<void> {
    await this.dashboards.collection.insertOne(asDocument(d) as never);
  }

  async list(tenantId: string, viewerId: string | null): Promise<Dashboard[]> {
    const docs = await this.dashboards.find(visible(tenantId, viewerId)).sort({ updatedAt: -1, _id: -1 }).lean();
    return docs.map((d) => fromDocument<Dashboard>(d));
  }

  async get(tenantId: string, viewerId: string | null, id: string): Promise<Dashboard | null> {
    const doc = await this.dashboards.findOne({ _id: id, ...visible(tenantId, viewerId) }).lean();
    return doc ? fromDocument<Dashboard>(doc) : null;
  }

  async save(tenantId: string, next: Dashboard, expectedVersion: number): Promise<SaveResult> {
    const { _id, tenantId: _tenant, createdAt: _created, ...changes } = asDocument(next);
    void _tenant;
    void _created;
    const result = await this.dashboards.collection.updateOne({ _id: _id as never, tenantId, version: expectedVersion }, { $set: changes });
    const current = await this.dashboards.findOne({ _id, tenantId }).lean();
    if (!current) return null;
    return result.matchedCount > 0 ? { saved: fromDocument<Dashboard>(current) } : { conflict: current.version };
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.dashboards.deleteOne({ _id: id, tenantId })).deletedCount > 0;
  }

  async deleteTenant(tenantId: string): Promise<number> {
    return (await this.dashboards.deleteMany({ tenantId })).deletedCount;
  }
}
