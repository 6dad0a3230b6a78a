import { Module } from '@nestjs/common';
import { AutocompleteController } from './autocomplete.controller';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

@Module({ controllers: [SearchController, AutocompleteController], providers: [SearchService], exports: [SearchService] })
export class SearchModule {}
