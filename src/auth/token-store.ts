import { Token, TokenScope } from './auth-types';

/** Bearer and API tokens, stored by the SHA-256 of their secret only. */
export abstract class TokenStore {
  abstract create(token: Token): Promise<void>;
  abstract findByHash(tokenHash: string): Promise<Token | null>;
  abstract listForUser(tenantId: string, userId: string): Promise<Token[]>;
  /** Deletes a token of that tenant and user; false when there is none. */
  abstract delete(tenantId: string, userId: string, id: string): Promise<boolean>;
  abstract touch(id: string, at: number): Promise<void>;
  /** Deletes every token of one scope of a user; returns how many. */
  abstract deleteScope(tenantId: string, userId: string, scope: TokenScope): Promise<number>;
}
