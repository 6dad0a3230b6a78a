import * as nodemailer from 'nodemailer';
import { AlertChannel, EmailConfig } from './alert-channel';
import { AlertMessage, summaryLine } from './alert-message';
import { ChannelSender, SendOutcome } from './channel-sender';

/** Line breaks and other control characters of log-derived text become spaces: a group value cannot add lines of its own. */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');

/** The message with every text that may come from logs or users on one line. */
function flattened(m: AlertMessage): AlertMessage {
  return { ...m, ruleName: oneLine(m.ruleName), group: m.group === null ? null : oneLine(m.group), groupBy: m.groupBy === null ? null : oneLine(m.groupBy) };
}

/**
 * Plain text only: no HTML to escape, nothing from the logs can turn into markup; and no
 * forged lines (a group value of "x\nMatching records: http://evil" stays on its own line).
 */
export function emailText(message: AlertMessage): string {
  const m = flattened(message);
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
        subject: summaryLine(flattened(message)),
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
