import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diskStorage } from 'multer';
import { AppConfig } from '../config/app-config';
import { IngestModule } from '../ingest/ingest.module';
import { ParseRulesModule } from '../parse-rules/parse-rules.module';
import { newId } from '../platform/ids';
import { FileIngestService } from './file-ingest.service';
import { FileStore } from './file-store';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { MongoFileStore } from './mongo-file-store';
import { metadataStore } from '../platform/metadata/metadata-store-provider';
import { SqliteFileStore } from './sqlite-file-store';
import { WatchedFolderService } from './watched-folder.service';

/** Uploaded files are streamed to disk by multer, never held in memory. */
function uploadStorage(config: AppConfig) {
  const dir = config.filesDir;
  fs.mkdirSync(dir, { recursive: true });
  return {
    storage: diskStorage({
      destination: dir,
      filename: (_req, file, done) => done(null, `${newId()}-${file.originalname.replace(/[^\w.\-]+/g, '_').slice(-100)}`),
    }),
    limits: { fileSize: config.maxUploadBytes, files: 1 },
  };
}

@Module({
  imports: [IngestModule, ParseRulesModule, MulterModule.registerAsync({ inject: [AppConfig], useFactory: uploadStorage })],
  controllers: [FilesController],
  providers: [
    metadataStore(FileStore, { sqlite: (db) => new SqliteFileStore(db), mongo: MongoFileStore.create }),
    FileIngestService, FilesService, WatchedFolderService],
  exports: [FilesService, FileIngestService, WatchedFolderService, FileStore],
})
export class FilesModule {}
