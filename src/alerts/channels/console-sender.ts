import { Logger } from '@nestjs/common';
import { AlertChannel } from './alert-channel';
import { AlertMessage, summaryLine } from './alert-message';
import { ChannelSender, SendOutcome } from './channel-sender';

/** A line in Lognest's own log. */
export class ConsoleSender extends ChannelSender {
  readonly type = 'console' as const;

  constructor(private readonly logger: Pick<Logger, 'warn'> = new Logger('Alerts')) {
    super();
  }

  async send(channel: AlertChannel, message: AlertMessage): Promise<SendOutcome> {
    // JSON-quoted: a group value from the logs cannot forge extra log lines.
    this.logger.warn(`${JSON.stringify(summaryLine(message))} channel=${JSON.stringify(channel.name)} link=${message.link}`);
    return { ok: true, httpStatus: null, error: null, attempts: 1 };
  }
}
