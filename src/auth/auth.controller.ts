import { Body, Controller, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { badParameter } from '../platform/http/bad-request';
import { Access } from './access.decorators';
import { AuthService, InvalidCredentialsError } from './auth.service';
import { User } from './auth-types';

export function toApiUser(user: User) {
  return {
    id: user.id,
    _id: user.id,
    username: user.username,
    email: user.email,
    full_name: user.fullName,
    role: user.role,
    tenant_id: user.tenantId,
    created_at: new Date(user.createdAt).toISOString(),
    last_login: user.lastLogin ? new Date(user.lastLogin).toISOString() : null,
  };
}

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = body?.[key];
  if (typeof value !== 'string' || value === '') throw badParameter(key, 'is required');
  return value;
}

/** Bearer-token login for API clients. */
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Access('public')
  @HttpCode(200)
  async login(@Body() body: Record<string, unknown>) {
    const username = requiredString(body, 'username');
    const password = requiredString(body, 'password');
    try {
      const user = await this.auth.verifyPassword(username, password);
      const issued = await this.auth.issueToken(user, 'login', 'login');
      return { success: true, token: issued.token, expires_at: new Date(issued.expiresAt!).toISOString(), user: toApiUser(user) };
    } catch (err) {
      if (err instanceof InvalidCredentialsError) throw new UnauthorizedException({ success: false, error: 'invalid_credentials', message: err.message });
      throw err;
    }
  }
}
