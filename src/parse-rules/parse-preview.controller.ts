import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { INPUT_FORMATS, InputFormat } from '../files/file-types';
import { GROK_LIBRARY } from '../ingest/parsers/rules/grok-library';
import { NAMED_FORMATS } from '../ingest/parsers/rules/named-formats';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { badParameter } from '../platform/http/bad-request';
import { bodyText, isNamedFormat, ruleFromBody, toApiRule } from './parse-rule-params';
import { previewParse } from './parse-preview';
import { PARSE_PREVIEW_DOCS } from './parse-rules.openapi';
import { ParseRulesService } from './parse-rules.service';

const MAX_SAMPLE = 256 * 1024;


@Controller('api/parse')
export class ParsePreviewController {
  constructor(private readonly rules: ParseRulesService) {}

  @ApiDoc(PARSE_PREVIEW_DOCS.preview)
  @Post('preview')
  @HttpCode(200)
  @Access('ingest')
  async preview(@CurrentPrincipal() who: Principal, @Body() body: Record<string, unknown> = {}) {
    const sample = body.sample;
    if (typeof sample !== 'string' || sample.length === 0 || sample.length > MAX_SAMPLE) throw badParameter('sample', `is required: text of at most ${MAX_SAMPLE} characters`);
    const format = typeof body.format === 'string' && body.format !== '' ? body.format : 'auto';
    const named = isNamedFormat(format);
    if (!named && !INPUT_FORMATS.includes(format as InputFormat)) throw badParameter('format', `must be an input format (${INPUT_FORMATS.join(', ')}) or a named parsing format (${Object.keys(NAMED_FORMATS).join(', ')})`);
    const rule = await this.rules.resolve(who.tenantId, {
      spec: ruleFromBody(named ? body : { ...body, format: undefined }),
      saved: bodyText(body, 'rule', 100),
      service: bodyText(body, 'service', 200),
    });
    const filename = typeof body.filename === 'string' ? body.filename.slice(0, 300) : undefined;
    const delimiter = typeof body.delimiter === 'string' && [',', ';', '\t', '|'].includes(body.delimiter) ? body.delimiter : undefined;
    const preview = previewParse(sample, { format: named ? 'text' : (format as InputFormat), filename, rule, delimiter, now: Date.now() });
    return { success: true, rule: rule ? toApiRule(rule) : null, ...preview };
  }

  @ApiDoc(PARSE_PREVIEW_DOCS.formats)
  @Get('formats')
  @Access('read')
  formats() {
    return {
      success: true,
      formats: Object.entries(NAMED_FORMATS).map(([name, f]) => ({ name, description: f.description, pattern: f.pattern, timestamp_format: f.timestampFormat ?? null, example: f.example })),
      grok_patterns: Object.keys(GROK_LIBRARY),
    };
  }
}
