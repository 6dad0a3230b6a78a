import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { SqliteTenantStore, SqliteTokenStore, SqliteUserStore } from './sqlite-auth-stores';
import { TenantStore } from './tenant-store';
import { TokenStore } from './token-store';
import { UserStore } from './user-store';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    { provide: UserStore, useClass: SqliteUserStore },
    { provide: TenantStore, useClass: SqliteTenantStore },
    { provide: TokenStore, useClass: SqliteTokenStore },
    { provide: PasswordHasher, inject: [AppConfig], useFactory: (config: AppConfig) => new PasswordHasher(config.bcryptRounds) },
    AuthService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, UserStore, TenantStore, TokenStore, PasswordHasher],
})
export class AuthModule {}
