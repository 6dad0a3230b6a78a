import { Controller, Get, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { TOP_VALUES } from '../logs/field-catalog';
import { isCanonicalField } from '../logs/log-record';
import { LogReadStore } from '../logs/log-read-store';
import { badParameter } from '../platform/http/bad-request';
import { buildScope } from './scope-builder';
import { parseSearchRequest } from './search-request';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { AUTOCOMPLETE_DOCS } from './search.openapi';

const LIMIT = 10;

function prefix(raw: unknown): string {
  if (raw === undefined) return '';
  if (typeof raw !== 'string') throw badParameter('q', 'must be a string');
  if (raw.length > 200) throw badParameter('q', 'is longer than 200 characters');
  return raw;
}

@Controller('api')
@Access('read')
export class AutocompleteController {
  constructor(private readonly logs: LogReadStore) {}

  @ApiDoc(AUTOCOMPLETE_DOCS.endpoints)
  @Get('autocomplete/endpoints')
  async endpoints(@CurrentPrincipal() who: Principal, @Query('q') q?: string) {
    const endpoints = await this.logs.suggest(who.tenantId, 'endpoint', prefix(q), LIMIT);
    return { success: true, endpoints, count: endpoints.length };
  }

  @ApiDoc(AUTOCOMPLETE_DOCS.messages)
  @Get('autocomplete/messages')
  async messages(@CurrentPrincipal() who: Principal, @Query('q') q?: string) {
    const messages = await this.logs.suggest(who.tenantId, 'message', prefix(q), LIMIT);
    return { success: true, messages, count: messages.length };
  }

  @ApiDoc(AUTOCOMPLETE_DOCS.values)
  @Get('autocomplete/values')
  async values(@CurrentPrincipal() who: Principal, @Query('field') field?: string, @Query('q') q?: string) {
    if (!field || !/^[\w@.\-]{1,100}$/.test(field)) throw badParameter('field', 'is required: a field name such as service or http.method');
    const values = await this.logs.suggest(who.tenantId, field, prefix(q), LIMIT);
    return { success: true, field, values, count: values.length };
  }

  /**
   * The field list of a search (the search parameters; none = every record): each field with how
   * many matching records have it and its `top` (default 5, 0-20) values, counted exactly.
   */
  @ApiDoc(AUTOCOMPLETE_DOCS.fields)
  @Get('fields')
  async fields(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>) {
    const top = query.top === undefined ? TOP_VALUES : Number(query.top);
    if (!Number.isInteger(top) || top < 0 || top > 20) throw badParameter('top', 'must be a whole number from 0 to 20');
    const scope = buildScope(who.tenantId, parseSearchRequest(query));
    const [fields, total] = await Promise.all([this.logs.fields(scope, top), this.logs.count(scope)]);
    return {
      success: true,
      total,
      exact: true,
      fields: fields.map((f) => ({ name: f.name, type: f.type, canonical: isCanonicalField(f.name), count: f.count, top_values: f.topValues })),
      count: fields.length,
    };
  }
}
