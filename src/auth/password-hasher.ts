import * as bcrypt from 'bcrypt';

/** bcrypt with a cost that can be lowered for tests. */
export class PasswordHasher {
  constructor(private readonly rounds = 10) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.rounds);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }
}
