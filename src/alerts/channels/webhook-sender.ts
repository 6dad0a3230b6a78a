import { createHmac } from 'node:crypto';
import { AlertChannel, WebhookConfig } from './alert-channel';
import { AlertMessage, webhookPayload } from './alert-message';
import { ChannelSender, SendOptions, SendOutcome } from './channel-sender';
import { DEFAULT_POST_OPTIONS, PostOptions, postJson } from './http-poster';
import { OutboundUrlGuard } from './outbound-url-guard';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as GitHub signs its webhooks. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * A JSON POST of the alert, signed in X-Lognest-Signature when the channel has a secret. Each
 * notification carries an `Idempotency-Key` header (and `delivery_id` in the body) that stays
 * the same when it is sent again after a failure or a crash, so a receiver can drop repeats.
 */
export class WebhookSender extends ChannelSender {
  readonly type = 'webhook' as const;

  constructor(private readonly guard: OutboundUrlGuard, private readonly options: PostOptions = DEFAULT_POST_OPTIONS) {
    super();
  }

  send(channel: AlertChannel, message: AlertMessage, options: SendOptions = {}): Promise<SendOutcome> {
    const config = channel.config as WebhookConfig;
    const body = JSON.stringify({ ...webhookPayload(message), ...(options.deliveryId ? { delivery_id: options.deliveryId } : {}) });
    const headers: Record<string, string> = { ...(config.headers ?? {}) };
    if (options.deliveryId) headers['idempotency-key'] = options.deliveryId;
    if (config.secret) headers['x-lognest-signature'] = signature(config.secret, body);
    return postJson(config.url, body, headers, this.guard, this.options);
  }
}
