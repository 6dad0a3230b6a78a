import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { Principal } from '../auth/auth-types';

/**
 * Who may change a rule, channel or silence of their tenant: admins any, members their own.
 * (Reading is for every role; the route's @Access decides that. Tenant scope is the stores'.)
 */
export function assertCanManage(who: Principal, ownerId: string | null, what: string): void {
  if (who.role === 'admin') return;
  if (who.role === 'member' && who.userId !== null && who.userId === ownerId) return;
  throw new ForbiddenException({ success: false, error: 'forbidden', message: `Only the owner of this ${what} or an admin can change it` });
}

export const notFound = (what: string, id: string) => new NotFoundException({ success: false, error: 'not_found', message: `No ${what} ${id}` });
