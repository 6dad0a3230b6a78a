import { Module } from '@nestjs/common';
import { metadataStore } from '../platform/metadata/metadata-store-provider';
import { MongoPatternStore } from './mongo-pattern-store';
import { PatternAssigner } from './pattern-assigner';
import { PatternStore } from './pattern-store';
import { PatternsController } from './patterns.controller';
import { PatternsService } from './patterns.service';
import { SqlitePatternStore } from './sqlite-pattern-store';

/** Log patterns: the ingest-time assigner (used by IngestModule), its store, and the patterns API. */
@Module({
  controllers: [PatternsController],
  providers: [
    metadataStore(PatternStore, { sqlite: (db) => new SqlitePatternStore(db), mongo: MongoPatternStore.create }),
    { provide: PatternAssigner, inject: [PatternStore], useFactory: (store: PatternStore) => new PatternAssigner(store) },
    PatternsService,
  ],
  exports: [PatternsService, PatternAssigner, PatternStore],
})
export class PatternsModule {}
