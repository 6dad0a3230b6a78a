import { Injectable } from '@nestjs/common';
import { AuthService, InvalidCredentialsError } from '../auth.service';
import { User } from '../auth-types';
import { LoginThrottle } from './login-throttle';

/** A username and password checked against the throttle: the one way both logins sign in. */
@Injectable()
export class PasswordLogin {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** The user, or InvalidCredentialsError / TooManyLoginFailuresError. */
  async attempt(username: string, password: string, ip: string): Promise<User> {
    await this.throttle.assertAllowed(ip, username);
    try {
      const user = await this.auth.verifyPassword(username, password);
      await this.throttle.recordSuccess(ip, username);
      return user;
    } catch (err) {
      if (err instanceof InvalidCredentialsError) await this.throttle.recordFailure(ip, username);
      throw err;
    }
  }
}
