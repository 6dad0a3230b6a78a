export const CHANNEL_TYPES = ['webhook', 'slack', 'email', 'browser', 'console'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export interface WebhookConfig {
  url: string;
  secret?: string;
  headers?: Record<string, string>;
}

export interface SlackConfig {
  webhook_url: string;
}

export interface EmailConfig {
  to: string[];
}

export type ChannelConfig = WebhookConfig | SlackConfig | EmailConfig | Record<string, never>;

/** A named place notifications go to, owned by a tenant. */
export interface AlertChannel {
  id: string;
  tenantId: string;
  ownerId: string | null;
  name: string;
  type: ChannelType;
  config: ChannelConfig;
  createdAt: number;
  updatedAt: number;
}
