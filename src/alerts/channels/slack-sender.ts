import { AlertChannel, SlackConfig } from './alert-channel';
import { AlertMessage, summaryLine } from './alert-message';
import { ChannelSender, SendOutcome } from './channel-sender';
import { DEFAULT_POST_OPTIONS, PostOptions, postJson } from './http-poster';
import { OutboundUrlGuard } from './outbound-url-guard';

const COLORS = { info: '#439fe0', warning: '#daa038', high: '#e8730c', critical: '#d00000' } as const;

/** Slack's mrkdwn treats & < > as markup; log-derived text is escaped as Slack asks. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The incoming-webhook message: a summary line and an attachment linking back to the records. */
export function slackMessage(m: AlertMessage) {
  return {
    text: escape(summaryLine(m)),
    attachments: [{
      color: m.state === 'resolved' ? '#2eb886' : COLORS[m.severity],
      title: escape(m.ruleName),
      title_link: m.link,
      fields: [
        { title: 'State', value: m.kind === 'reminder' ? 'still firing' : m.state, short: true },
        { title: 'Severity', value: m.severity, short: true },
        { title: 'Value', value: m.value === null ? 'no data' : String(m.value), short: true },
        { title: 'Condition', value: escape(`${m.operator} ${m.threshold}`), short: true },
        ...(m.group === null ? [] : [{ title: escape(m.groupBy ?? 'group'), value: escape(m.group), short: true }]),
      ],
      ts: Math.floor(m.at / 1000),
    }],
  };
}

export class SlackSender extends ChannelSender {
  readonly type = 'slack' as const;

  constructor(private readonly guard: OutboundUrlGuard, private readonly options: PostOptions = DEFAULT_POST_OPTIONS) {
    super();
  }

  send(channel: AlertChannel, message: AlertMessage): Promise<SendOutcome> {
    return postJson((channel.config as SlackConfig).webhook_url, JSON.stringify(slackMessage(message)), {}, this.guard, this.options);
  }
}
