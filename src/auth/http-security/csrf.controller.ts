import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../access.decorators';
import { ensureCsrfToken } from './csrf';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { CSRF_DOCS } from '../auth.openapi';

/** The session's CSRF token for scripts (pages get it as res.locals.csrfToken); starts a session if none. */
@Controller('api/csrf')
export class CsrfController {
  @ApiDoc(CSRF_DOCS.token)
  @Get()
  @Access('public')
  token(@Req() req: Request) {
    if (!req.session) return { success: true, token: null, message: 'Bearer requests need no CSRF token' };
    return { success: true, token: ensureCsrfToken(req) };
  }
}
