import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AdminService } from './admin.service';
import { RegistrationPolicy } from './registration-policy';
import { metadataStore } from '../platform/metadata/metadata-store-provider';
import { MongoSettingsStore } from './mongo-settings-store';
import { SettingsStore } from './settings-store';
import { SqliteSettingsStore } from './sqlite-settings-store';

/** Admin API. Uses the global AuthModule's stores; gives it the registration policy. */
@Module({
  controllers: [AdminController],
  providers: [
    metadataStore(SettingsStore, { sqlite: (db) => new SqliteSettingsStore(db), mongo: MongoSettingsStore.create }),
    RegistrationPolicy, AdminService],
  exports: [RegistrationPolicy, SettingsStore],
})
export class AdminModule {}
