import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { badParameter } from '../../platform/http/bad-request';
import { Access, CurrentPrincipal } from '../access.decorators';
import { requiredString } from '../account-input';
import { Principal, Token } from '../auth-types';
import { API_TOKEN_SCOPES, ApiTokenScope, ApiTokensService } from './api-tokens.service';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { TOKENS_DOCS } from '../auth.openapi';

const toApiToken = (t: Token) => ({
  id: t.id,
  name: t.name,
  scope: t.scope,
  created_at: new Date(t.createdAt).toISOString(),
  last_used_at: t.lastUsedAt ? new Date(t.lastUsedAt).toISOString() : null,
});

/** The caller's own API tokens; by session or login token only (an API token cannot mint more). */
@Controller('api/tokens')
@Access('account')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @ApiDoc(TOKENS_DOCS.create)
  @Post()
  @HttpCode(201)
  async create(@CurrentPrincipal() who: Principal, @Body() body: Record<string, unknown>) {
    const name = requiredString(body, 'name').trim();
    if (name.length === 0 || name.length > 100) throw badParameter('name', 'must be 1 to 100 characters');
    const scope = body.scope;
    if (typeof scope !== 'string' || !(API_TOKEN_SCOPES as readonly string[]).includes(scope)) {
      throw badParameter('scope', `must be one of ${API_TOKEN_SCOPES.join(', ')}`);
    }
    const issued = await this.tokens.create(who, name, scope as ApiTokenScope);
    return { success: true, id: issued.id, token: issued.token, name, scope };
  }

  @ApiDoc(TOKENS_DOCS.list)
  @Get()
  async list(@CurrentPrincipal() who: Principal) {
    return { success: true, tokens: (await this.tokens.list(who)).map(toApiToken) };
  }

  @ApiDoc(TOKENS_DOCS.remove)
  @Delete(':id')
  async remove(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.tokens.delete(who, id);
    return { success: true, message: 'Token deleted' };
  }
}
