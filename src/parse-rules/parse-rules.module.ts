import { Module } from '@nestjs/common';
import { ParsePreviewController } from './parse-preview.controller';

/** Parsing rules for text logs: preview, named formats. */
@Module({ controllers: [ParsePreviewController] })
export class ParseRulesModule {}
