import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../auth/access.decorators';
import { Principal } from '../auth/auth-types';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { PARSE_RULES_DOCS } from './parse-rules.openapi';
import { ParseRulesService } from './parse-rules.service';
import { parseNewRule, parseRuleEdit, toApiSavedRule } from './saved-rule-input';

type Body = Record<string, unknown> | undefined;

/** Saved parsing rules: reusable from uploads (`rule=<name>`), the watched folder and the inputs. */
@Controller('api/parse/rules')
export class ParseRulesController {
  constructor(private readonly rules: ParseRulesService) {}

  @ApiDoc(PARSE_RULES_DOCS.list)
  @Get()
  @Access('read')
  async list(@CurrentPrincipal() who: Principal) {
    const rules = await this.rules.list(who.tenantId);
    return { success: true, rules: rules.map(toApiSavedRule), count: rules.length };
  }

  @ApiDoc(PARSE_RULES_DOCS.create)
  @Post()
  @Access('write')
  async create(@CurrentPrincipal() who: Principal, @Body() body: Body) {
    return { success: true, rule: toApiSavedRule(await this.rules.create(who.tenantId, who.username, parseNewRule(body ?? {}))) };
  }

  @ApiDoc(PARSE_RULES_DOCS.one)
  @Get(':id')
  @Access('read')
  async one(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return { success: true, rule: toApiSavedRule(await this.rules.get(who.tenantId, id)) };
  }

  @ApiDoc(PARSE_RULES_DOCS.update)
  @Put(':id')
  @Access('write')
  async update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: Body) {
    return { success: true, rule: toApiSavedRule(await this.rules.update(who.tenantId, id, parseRuleEdit(body ?? {}))) };
  }

  @ApiDoc(PARSE_RULES_DOCS.remove)
  @Delete(':id')
  @Access('write')
  async remove(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.rules.delete(who.tenantId, id);
    return { success: true, message: 'Parsing rule deleted' };
  }
}
