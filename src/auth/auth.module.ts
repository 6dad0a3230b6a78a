import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminModule } from '../admin/admin.module';
import { AppConfig } from '../config/app-config';
import { RateLimitModule } from '../platform/rate-limit/rate-limit.module';
import { SessionsModule } from '../platform/sessions/sessions.module';
import { AccessGuard } from './access.guard';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CsrfController } from './http-security/csrf.controller';
import { SessionMiddleware } from './http-security/session-middleware';
import { LoginThrottle } from './login/login-throttle';
import { PasswordLogin } from './login/password-login';
import { SessionLogin } from './login/session-login';
import { metadataStore } from '../platform/metadata/metadata-store-provider';
import { MongoTenantStore, MongoTokenStore, MongoUserStore } from './mongo-auth-stores';
import { PasswordHasher } from './password-hasher';
import { SqliteTenantStore, SqliteTokenStore, SqliteUserStore } from './sqlite-auth-stores';
import { TenantStore } from './tenant-store';
import { ApiTokensController } from './tokens/api-tokens.controller';
import { ApiTokensService } from './tokens/api-tokens.service';
import { TokenStore } from './token-store';
import { UserStore } from './user-store';

/**
 * Who is calling and what they may do: users, tenants, tokens, sessions, the access guard.
 * Imports the admin API here because AppModule lists only this module for auth matters.
 */
@Global()
@Module({
  imports: [SessionsModule, RateLimitModule, AdminModule],
  controllers: [AuthController, AccountsController, ApiTokensController, CsrfController],
  providers: [
    metadataStore(UserStore, { sqlite: (db) => new SqliteUserStore(db), mongo: MongoUserStore.create }),
    metadataStore(TenantStore, { sqlite: (db) => new SqliteTenantStore(db), mongo: MongoTenantStore.create }),
    metadataStore(TokenStore, { sqlite: (db) => new SqliteTokenStore(db), mongo: MongoTokenStore.create }),
    { provide: PasswordHasher, inject: [AppConfig], useFactory: (config: AppConfig) => new PasswordHasher(config.bcryptRounds) },
    AuthService,
    AccountsService,
    ApiTokensService,
    LoginThrottle,
    PasswordLogin,
    SessionLogin,
    SessionMiddleware,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UserStore, TenantStore, TokenStore, PasswordHasher, AccountsService, SessionLogin, SessionMiddleware],
})
export class AuthModule {}
