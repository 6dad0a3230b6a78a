import { Model, Schema } from 'mongoose';
import { MongoConnection } from '../../platform/metadata/mongo-connection';
import { asDocument, documentSchema, fromDocument, plain } from '../../platform/metadata/mongo-documents';
import { Delivery } from './delivery';
import { DeliveryStore } from './delivery-store';

const deliverySchema: Schema = documentSchema<Delivery>(
  { tenantId: String, alertId: String, channelId: String, at: Number },
  [[{ tenantId: 1, alertId: 1, at: 1 }], [{ tenantId: 1, channelId: 1, at: -1 }]],
);

/** Delivery attempts in the MongoDB metadata database, collection `alert_deliveries`. */
export class MongoDeliveryStore extends DeliveryStore {
  private constructor(private readonly deliveries: Model<Delivery>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoDeliveryStore> {
    return new MongoDeliveryStore(await mongo.model('alert_deliveries', deliverySchema));
  }

  async record(d: Delivery): Promise<void> {
    await this.deliveries.collection.insertOne(asDocument(plain(d)) as never);
  }

  async forAlert(tenantId: string, alertId: string): Promise<Delivery[]> {
    return (await this.deliveries.find({ tenantId, alertId }).sort({ at: 1, _id: 1 }).lean()).map((d) => fromDocument<Delivery>(d));
  }

  async forChannel(tenantId: string, channelId: string, limit: number): Promise<Delivery[]> {
    return (await this.deliveries.find({ tenantId, channelId }).sort({ at: -1, _id: -1 }).limit(limit).lean()).map((d) => fromDocument<Delivery>(d));
  }
}
