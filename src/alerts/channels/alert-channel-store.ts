import { AlertChannel } from './alert-channel';

/** Notification channels of a tenant; another tenant's channel is absent, like an unknown id. */
export abstract class AlertChannelStore {
  abstract create(channel: AlertChannel): Promise<void>;
  abstract get(tenantId: string, id: string): Promise<AlertChannel | null>;
  /** By name. */
  abstract list(tenantId: string): Promise<AlertChannel[]>;
  abstract update(tenantId: string, id: string, changes: Pick<AlertChannel, 'name' | 'type' | 'config' | 'updatedAt'>): Promise<AlertChannel | null>;
  abstract delete(tenantId: string, id: string): Promise<boolean>;
}
