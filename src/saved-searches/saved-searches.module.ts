import { Module } from '@nestjs/common';
import { SavedSearchStore } from './saved-search-store';
import { SavedSearchesController } from './saved-searches.controller';
import { SavedSearchesService } from './saved-searches.service';
import { SearchHistoryStore } from './search-history-store';
import { SearchHistoryController } from './search-history.controller';
import { SearchHistoryService } from './search-history.service';
import { SqliteSavedSearchStore } from './sqlite-saved-search-store';
import { SqliteSearchHistoryStore } from './sqlite-search-history-store';

/** Saved searches and search history, both on the metadata store (SQLite on the embedded default). */
@Module({
  controllers: [SavedSearchesController, SearchHistoryController],
  providers: [
    { provide: SavedSearchStore, useClass: SqliteSavedSearchStore },
    { provide: SearchHistoryStore, useClass: SqliteSearchHistoryStore },
    SavedSearchesService,
    SearchHistoryService,
  ],
  exports: [SavedSearchesService, SearchHistoryService],
})
export class SavedSearchesModule {}
