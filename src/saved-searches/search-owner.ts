import { ForbiddenException } from '@nestjs/common';
import { Principal } from '../auth/auth-types';

/** Whose saved searches and history a call reads or changes: one user within one tenant. */
export interface SearchOwner {
  tenantId: string;
  userId: string;
}

export function ownerOf(who: Principal): SearchOwner {
  if (!who.userId) throw new ForbiddenException('Saved searches and search history belong to a user; this token has none');
  return { tenantId: who.tenantId, userId: who.userId };
}
