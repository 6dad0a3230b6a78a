import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../../platform/metadata/mongo-connection';
import { documentSchema } from '../../platform/metadata/mongo-documents';
import { AlertChannel } from './alert-channel';
import { AlertChannelStore } from './alert-channel-store';

/**
 * `config` is kept as its JSON text: a webhook's header names are the user's, and a header
 * name may hold `.` or start with `$`, which a MongoDB field name may not.
 */
type ChannelDocument = Omit<AlertChannel, 'id' | 'config'> & { _id: string; config: string };

const channelSchema: Schema = documentSchema<ChannelDocument>(
  { tenantId: String, ownerId: String, name: String, type: String, config: String, createdAt: Number, updatedAt: Number },
  [[{ tenantId: 1, name: 1 }]],
);

const toChannel = ({ _id, config, ...rest }: ChannelDocument): AlertChannel => ({ id: _id, ...rest, config: JSON.parse(config) });

/** Notification channels in the MongoDB metadata database, collection `alert_channels`. */
export class MongoAlertChannelStore extends AlertChannelStore {
  private constructor(private readonly channels: Model<ChannelDocument>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoAlertChannelStore> {
    return new MongoAlertChannelStore(await mongo.model('alert_channels', channelSchema));
  }

  async create(c: AlertChannel): Promise<void> {
    const { id, config, ...rest } = c;
    await this.channels.collection.insertOne({ _id: id, ...rest, config: JSON.stringify(config) } as never);
  }

  async get(tenantId: string, id: string): Promise<AlertChannel | null> {
    const doc = await this.channels.findOne({ _id: id, tenantId }).lean<ChannelDocument>();
    return doc ? toChannel(doc) : null;
  }

  async list(tenantId: string): Promise<AlertChannel[]> {
    return (await this.channels.find({ tenantId }).sort({ name: 1, _id: 1 }).lean<ChannelDocument[]>()).map(toChannel);
  }

  async update(tenantId: string, id: string, ch: Pick<AlertChannel, 'name' | 'type' | 'config' | 'updatedAt'>): Promise<AlertChannel | null> {
    const doc = await this.channels.collection.findOneAndUpdate(
      { _id: id, tenantId } as never,
      { $set: { name: ch.name, type: ch.type, config: JSON.stringify(ch.config), updatedAt: ch.updatedAt } },
      { returnDocument: 'after' },
    );
    return doc ? toChannel(doc as unknown as ChannelDocument) : null;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.channels.deleteOne({ _id: id, tenantId })).deletedCount > 0;
  }
}
