import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access } from './access.decorators';
import { requiredString } from './account-input';
import { toApiUser } from './api-user';
import { AuthService } from './auth.service';
import { clientIp } from './login/client-ip';
import { loginFailure } from './login/login-errors';
import { PasswordLogin } from './login/password-login';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { AUTH_DOCS } from './auth.openapi';

/** Bearer-token login for API clients (same throttle as the browser login). */
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwordLogin: PasswordLogin,
  ) {}

  @ApiDoc(AUTH_DOCS.login)
  @Post('login')
  @RateLimit('login')
  @Access('public')
  @HttpCode(200)
  async login(@Body() body: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const username = requiredString(body, 'username');
    const password = requiredString(body, 'password');
    try {
      const user = await this.passwordLogin.attempt(username, password, clientIp(req));
      const issued = await this.auth.issueToken(user, 'login', 'login');
      // `access_token`, `token_type`, `expires_in`: the OAuth-style names seed 002's clients read.
      return {
        success: true,
        token: issued.token,
        access_token: issued.token,
        token_type: 'bearer',
        expires_in: Math.round((issued.expiresAt! - Date.now()) / 1000),
        expires_at: new Date(issued.expiresAt!).toISOString(),
        user: toApiUser(user),
      };
    } catch (err) {
      throw loginFailure(err, res);
    }
  }
}
