import * as nodemailer from 'nodemailer';
import { AlertChannel, EmailConfig } from './alert-channel';
import { AlertMessage, summaryLine } from './alert-message';
import { ChannelSender, SendOutcome } from './channel-sender';

/** Plain text only: no HTML to escape, nothing from the logs can turn into markup. */
export function emailText(m: AlertMessage): string {
  return [
    summaryLine(m),
    '',
    `Rule:      ${m.ruleName}`,
    `State:     ${m.kind === 'reminder' ? 'still firing' : m.state}`,
    `Severity:  ${m.severity}`,
    ...(m.group === null ? [] : [`Group:     ${m.groupBy} = ${m.group}`]),
    `Value:     ${m.value === null ? 'no data' : m.value}`,
    `Condition: ${m.operator} ${m.threshold}`,
    `Since:     ${new Date(m.startedAt).toISOString()}`,
    '',
    `Matching records: ${m.link}`,
  ].join('\n');
}

/** Email through nodemailer over LOGNEST_SMTP_URL, from LOGNEST_SMTP_FROM. */
export class EmailSender extends ChannelSender {
  readonly type = 'email' as const;
  private readonly transport: nodemailer.Transporter | null;

  /** `timeoutMs` (LOGNEST_ALERT_SEND_TIMEOUT): connect and greeting get twice that, the whole exchange four times. */
  constructor(smtpUrl: string | null, private readonly from: string, timeoutMs = 5_000) {
    super();
    this.transport = smtpUrl
      ? nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 2 * timeoutMs, greetingTimeout: 2 * timeoutMs, socketTimeout: 4 * timeoutMs } as never)
      : null;
  }

  async send(channel: AlertChannel, message: AlertMessage): Promise<SendOutcome> {
    if (!this.transport) return { ok: false, httpStatus: null, error: 'LOGNEST_SMTP_URL is not set', attempts: 0 };
    try {
      await this.transport.sendMail({
        from: this.from,
        to: (channel.config as EmailConfig).to,
        subject: summaryLine(message).replace(/[\r\n]+/g, ' '),
        text: emailText(message),
      });
      return { ok: true, httpStatus: null, error: null, attempts: 1 };
    } catch (error) {
      return { ok: false, httpStatus: null, error: (error as Error).message, attempts: 1 };
    }
  }

  close(): void {
    this.transport?.close();
  }
}
