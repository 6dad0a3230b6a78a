import { Controller, Get, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { LogReadStore } from '../logs/log-read-store';
import { badParameter } from '../platform/http/bad-request';

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

  @Get('autocomplete/endpoints')
  async endpoints(@CurrentPrincipal() who: Principal, @Query('q') q?: string) {
    const endpoints = await this.logs.suggest(who.tenantId, 'endpoint', prefix(q), LIMIT);
    return { success: true, endpoints, count: endpoints.length };
  }

  @Get('autocomplete/messages')
  async messages(@CurrentPrincipal() who: Principal, @Query('q') q?: string) {
    const messages = await this.logs.suggest(who.tenantId, 'message', prefix(q), LIMIT);
    return { success: true, messages, count: messages.length };
  }

  @Get('autocomplete/values')
  async values(@CurrentPrincipal() who: Principal, @Query('field') field?: string, @Query('q') q?: string) {
    if (!field || !/^[\w@.\-]{1,100}$/.test(field)) throw badParameter('field', 'is required: a field name such as service or http.method');
    const values = await this.logs.suggest(who.tenantId, field, prefix(q), LIMIT);
    return { success: true, field, values, count: values.length };
  }

  @Get('fields')
  async fields(@CurrentPrincipal() who: Principal) {
    const fields = await this.logs.fields(who.tenantId);
    return { success: true, fields: fields.map((f) => ({ name: f.name, type: f.type, top_values: f.topValues })), count: fields.length };
  }
}
