import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Access } from '../access.decorators';
import { ensureCsrfToken } from './csrf';

/** The session's CSRF token for scripts (pages get it as res.locals.csrfToken); starts a session if none. */
@Controller('api/csrf')
export class CsrfController {
  @Get()
  @Access('public')
  token(@Req() req: Request) {
    if (!req.session) return { success: true, token: null, message: 'Bearer requests need no CSRF token' };
    return { success: true, token: ensureCsrfToken(req) };
  }
}
