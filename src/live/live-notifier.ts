import { Injectable } from '@nestjs/common';
import { LiveNotification } from './client-events';
import { LiveFanout } from './live-fanout';

/**
 * For other modules (alerts): pushes a `notification` to every open live connection of a
 * tenant, in every Lognest process. Pages show it as a browser notification when the user
 * opted in. Fire and forget: nobody connected means nobody is told.
 */
@Injectable()
export class LiveNotifier {
  constructor(private readonly fanout: LiveFanout) {}

  notifyTenant(tenantId: string, notification: Omit<LiveNotification, 'timestamp'> & { timestamp?: string }): void {
    this.fanout.notify(tenantId, { ...notification, timestamp: notification.timestamp ?? new Date().toISOString() });
  }
}
