import { Body, Controller, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentPrincipal } from '../access.decorators';
import { parseBoolean, parseEmail, parseFullName, parsePassword, parseUsername, requiredString } from '../account-input';
import { toApiUser } from '../api-user';
import { Principal } from '../auth-types';
import { loginFailure } from '../login/login-errors';
import { SessionLogin } from '../login/session-login';
import { AuthService } from '../auth.service';
import { AccountsService } from './accounts.service';
import { RateLimit } from '../../rate-limits/rate-limit.decorator';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { ACCOUNTS_DOCS } from '../auth.openapi';

type Body = Record<string, unknown>;

/** Browser accounts in the seed's shapes: register, session login/logout, own profile and password. */
@Controller('api')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionLogin,
    private readonly auth: AuthService,
  ) {}

  @ApiDoc(ACCOUNTS_DOCS.register)
  @Post('register')
  @RateLimit('register')
  @Access('public')
  @HttpCode(201)
  async register(@Body() body: Body) {
    const user = await this.accounts.register({
      username: parseUsername(body),
      password: parsePassword(body),
      email: parseEmail(body, true),
      fullName: parseFullName(body),
    });
    return { success: true, message: 'Registration successful', user_id: user.id };
  }

  /** Answers the new session's CSRF token too (`csrf_token`): login starts a fresh session. */
  @ApiDoc(ACCOUNTS_DOCS.login)
  @Post('login')
  @RateLimit('login')
  @Access('public')
  @HttpCode(200)
  async login(@Body() body: Body, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    requiredString(body, 'username');
    requiredString(body, 'password');
    const rememberMe = parseBoolean(body, 'remember_me') ?? false;
    try {
      const user = await this.sessions.authenticate(req, res);
      const csrfToken = await this.sessions.logIn(req, user, rememberMe);
      return { success: true, message: 'Login successful', user: toApiUser(user), csrf_token: csrfToken };
    } catch (err) {
      throw loginFailure(err, res);
    }
  }

  @ApiDoc(ACCOUNTS_DOCS.logout)
  @Post('logout')
  @Access('public')
  @HttpCode(200)
  async logout(@Req() req: Request & { principal?: Principal }, @Res({ passthrough: true }) res: Response) {
    const revoked = req.principal ? await this.auth.revokeLoginToken(req.principal) : false;
    await this.sessions.logOut(req, res);
    // The seed's shape for a session logout; `token_revoked` only when a bearer token ended.
    return { success: true, message: 'Logout successful', ...(revoked ? { token_revoked: true } : {}) };
  }

  @ApiDoc(ACCOUNTS_DOCS.current)
  @Get('user/current')
  @Access('read')
  async current(@CurrentPrincipal() who: Principal) {
    return { success: true, user: toApiUser(await this.accounts.get(who.userId!)) };
  }

  @ApiDoc(ACCOUNTS_DOCS.profile)
  @Put('user/profile')
  @Access('account')
  async profile(@CurrentPrincipal() who: Principal, @Body() body: Body) {
    const user = await this.accounts.updateProfile(who.userId!, { email: parseEmail(body, false), fullName: parseFullName(body) });
    return { success: true, message: 'Profile updated', user: toApiUser(user) };
  }

  @ApiDoc(ACCOUNTS_DOCS.password)
  @Put('user/password')
  @Access('account')
  async password(@CurrentPrincipal() who: Principal, @Body() body: Body, @Req() req: Request) {
    const current = requiredString(body, 'current_password');
    const next = parsePassword(body, 'new_password');
    const user = await this.accounts.changePassword(who.userId!, current, next);
    this.sessions.keepCurrentSession(req, user);
    return { success: true, message: 'Password changed; your other sessions are signed out' };
  }
}
