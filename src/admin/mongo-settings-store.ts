import { Model, Schema } from 'mongoose';
import { documentSchema } from '../platform/metadata/mongo-documents';
import { MongoConnection } from '../platform/metadata/mongo-connection';
import { SettingsStore } from './settings-store';

interface SettingDocument {
  _id: string;
  value: string;
}

const settingSchema: Schema = documentSchema<SettingDocument>({ value: String });

export class MongoSettingsStore extends SettingsStore {
  private constructor(private readonly settings: Model<SettingDocument>) {
    super();
  }

  static async create(mongo: MongoConnection): Promise<MongoSettingsStore> {
    return new MongoSettingsStore(await mongo.model<SettingDocument>('settings', settingSchema));
  }

  async get(key: string): Promise<string | null> {
    const doc = await this.settings.findById(key).lean();
    return doc ? (doc as SettingDocument).value : null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.settings.updateOne({ _id: key }, { $set: { value } }, { upsert: true });
  }

  async delete(key: string): Promise<void> {
    await this.settings.deleteOne({ _id: key });
  }
}
