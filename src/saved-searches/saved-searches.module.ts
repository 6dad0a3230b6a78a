import { Module } from '@nestjs/common';
import { metadataStore } from '../platform/metadata/metadata-store-provider';
import { MongoSavedSearchStore } from './mongo-saved-search-store';
import { MongoSearchHistoryStore } from './mongo-search-history-store';
import { SavedSearchStore } from './saved-search-store';
import { SavedSearchesController } from './saved-searches.controller';
import { SavedSearchesService } from './saved-searches.service';
import { SearchHistoryStore } from './search-history-store';
import { SearchHistoryController } from './search-history.controller';
import { SearchHistoryService } from './search-history.service';
import { SqliteSavedSearchStore } from './sqlite-saved-search-store';
import { SqliteSearchHistoryStore } from './sqlite-search-history-store';

/** Saved searches and search history, both on the metadata store (SQLite on the embedded default, MongoDB when configured). */
@Module({
  controllers: [SavedSearchesController, SearchHistoryController],
  providers: [
    metadataStore(SavedSearchStore, { sqlite: (db) => new SqliteSavedSearchStore(db), mongo: MongoSavedSearchStore.create }),
    metadataStore(SearchHistoryStore, { sqlite: (db) => new SqliteSearchHistoryStore(db), mongo: MongoSearchHistoryStore.create }),
    SavedSearchesService,
    SearchHistoryService,
  ],
  exports: [SavedSearchesService, SearchHistoryService],
})
export class SavedSearchesModule {}
