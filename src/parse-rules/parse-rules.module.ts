import { Module } from '@nestjs/common';
import { metadataStore } from '../platform/metadata/metadata-store-provider';
import { MongoParseRuleStore } from './mongo-parse-rule-store';
import { ParsePreviewController } from './parse-preview.controller';
import { ParseRuleStore } from './parse-rule-store';
import { ParseRulesController } from './parse-rules.controller';
import { ParseRulesService } from './parse-rules.service';
import { SqliteParseRuleStore } from './sqlite-parse-rule-store';

/** Parsing rules for text logs: preview, named formats, rules saved per tenant and service. */
@Module({
  controllers: [ParsePreviewController, ParseRulesController],
  providers: [metadataStore(ParseRuleStore, { sqlite: (db) => new SqliteParseRuleStore(db), mongo: MongoParseRuleStore.create }), ParseRulesService],
  exports: [ParseRulesService],
})
export class ParseRulesModule {}
