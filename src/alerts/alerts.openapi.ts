import { LOG_RECORD } from '../openapi/common-schemas';
import { ApiDocOptions } from '../openapi/api-doc.decorator';
import { arr, bool, component, input, int, nullable, num, obj, ok, oneOf, str, time } from '../openapi/schema';
import { CHANNEL_TYPES } from './channels/alert-channel';
import { OPERATORS, SEVERITIES } from './rules/alert-rule';
import { METRIC_KINDS } from '../logs/log-metric';

const DURATION = str('A duration: 30s, 5m, 1h, 1d');
const DEFINITION = {
  name: str(undefined, { maxLength: 200 }), description: nullable(str()), query: str('Query language; empty: every record'), levels: arr(str()), services: arr(str()),
  aggregation: obj({ type: oneOf(METRIC_KINDS), field: str('avg, p95, max, unique_count: the field') }, { optional: ['field'] }),
  condition: obj({ operator: oneOf(OPERATORS), threshold: num(), window: DURATION }),
  group_by: nullable(str('A keyword field: one alert per value')), interval: DURATION, for: DURATION, keep_firing_for: DURATION,
  no_data: oneOf(['ok', 'alerting']), severity: oneOf(SEVERITIES), channels: arr(str('Channel id')), repeat_every: nullable(DURATION), enabled: bool(),
};
const RULE = component('AlertRule', obj({
  id: str(), ...DEFINITION,
  owner: obj({ id: str(), username: str() }), created_at: time(), updated_at: time(),
  statistics: obj({ times_fired: int(), last_fired_at: nullable(time()) }),
  status: obj({
    state: oneOf(['ok', 'pending', 'firing']), firing_groups: int(), pending_groups: int(), last_value: nullable(num()), last_evaluated_at: nullable(time()),
    recent: arr(obj({ at: time(), value: nullable(num()) })),
  }),
}));
/** What POST and PUT take: Lognest's shape, or seed 002's (condition word, threshold, time_window, is_active, notification_channel). */
const RULE_BODY = input({
  ...DEFINITION,
  condition: { oneOf: [DEFINITION.condition, str('Seed 002: greater_than, less_than, ...')] },
  threshold: num('Seed 002'), time_window: { oneOf: [int('minutes'), str()], description: 'Seed 002' }, is_active: bool('Seed 002: enabled'),
  notification_channel: str('Seed 002: a channel type, created with the rule'), notification_config: { type: 'object', additionalProperties: true },
});
const DELIVERY = component('AlertDelivery', obj({
  id: str(), alert_id: nullable(str()), channel_id: str(), channel_name: str(), channel_type: oneOf(CHANNEL_TYPES), kind: str('firing, resolved, repeat, test'),
  status: oneOf(['sent', 'failed', 'silenced']), http_status: nullable(int()), error: nullable(str()), attempts: int(), at: time(), duration_ms: num(),
}));
const CHANNEL = component('AlertChannel', obj({
  id: str(), name: str(), type: oneOf(CHANNEL_TYPES), config: { type: 'object', additionalProperties: true, description: 'A webhook shows has_secret, never its secret' },
  owner_id: str(), created_at: time(), updated_at: time(),
}));
const CHANNEL_BODY = input({
  name: str(undefined, { maxLength: 100 }), type: oneOf(CHANNEL_TYPES),
  config: { type: 'object', additionalProperties: true, description: 'webhook: {url, secret?, headers?}; slack: {webhook_url}; email: {to}' },
});
const ALERT = component('TriggeredAlert', obj({
  id: str(), rule_id: str(), rule_name: str(), state: oneOf(['pending', 'firing', 'resolved']), acknowledged: bool(), severity: oneOf(SEVERITIES),
  group_by: nullable(str()), group: nullable(str()), value: nullable(num()), operator: oneOf(OPERATORS), threshold: num(),
  started_at: time(), fired_at: nullable(time()), resolved_at: nullable(time()), last_evaluated_at: time(), acknowledged_at: nullable(time()),
  acknowledged_by: nullable(str()), acknowledge_note: nullable(str()), resolved_by: nullable(str()), resolve_note: nullable(str()), link: str('The search of its records'),
}));
const EVENT = component('AlertEvent', obj({
  id: str(), rule_id: str(), alert_id: nullable(str()), group: nullable(str()), from: str(), to: str(), value: nullable(num()), cause: str(), note: nullable(str()), at: time(),
}));
const SILENCE = component('Silence', obj({
  id: str(), matchers: obj({ rule_id: str(), group: str(), severity: oneOf(SEVERITIES) }, { optional: ['rule_id', 'group', 'severity'] }),
  starts_at: time(), ends_at: time(), comment: nullable(str()), created_by: str(), created_at: time(), active: bool(),
}));
const NOTE = input({ note: str(undefined, { maxLength: 1000 }) });
const RULE_404 = { 404: 'No such rule in your tenant' };
const CHANNEL_404 = { 404: 'No such channel in your tenant' };
const ALERT_404 = { 404: 'No such alert in your tenant' };

export const ALERT_RULES_DOCS = {
  create: { summary: 'Create an alert rule', body: RULE_BODY, response: ok({ rule: RULE }) },
  list: { summary: 'Alert rules with their state', response: ok({ rules: arr(RULE), count: int() }) },
  preview: {
    summary: "A rule's value over the last 24 h, before saving it", body: RULE_BODY,
    response: ok({ operator: oneOf(OPERATORS), threshold: num(), bucket: DURATION, from: time(), to: time(), points: arr(obj({ start: time(), group: nullable(str()), value: nullable(num()) })) }),
  },
  get: {
    summary: 'A rule with the state of each group',
    response: ok({ rule: RULE, groups: arr(obj({ group: nullable(str()), state: str(), acknowledged: bool(), value: nullable(num()), alert_id: nullable(str()) })) }), responses: RULE_404,
  },
  update: { summary: 'Change a rule (the fields sent replace the stored ones)', body: RULE_BODY, response: ok({ rule: RULE }), responses: RULE_404 },
  delete: { summary: 'Delete a rule', response: ok({ message: str() }), responses: RULE_404 },
  test: {
    summary: 'Evaluate a rule now (no state change, no notification)',
    response: ok({ rule_id: str(), evaluated_at: time(), groups: arr(obj({ group: nullable(str()), value: nullable(num()), condition_met: bool() })) }), responses: RULE_404,
  },
} satisfies Record<string, ApiDocOptions>;

export const ALERT_CHANNELS_DOCS = {
  create: { summary: 'Create a notification channel', body: CHANNEL_BODY, response: ok({ channel: CHANNEL }) },
  list: { summary: 'Notification channels', response: ok({ channels: arr(CHANNEL), count: int() }) },
  get: { summary: 'A channel and its recent deliveries', response: ok({ channel: CHANNEL, deliveries: arr(DELIVERY) }), responses: CHANNEL_404 },
  update: { summary: 'Change a channel', body: CHANNEL_BODY, response: ok({ channel: CHANNEL }), responses: CHANNEL_404 },
  delete: { summary: 'Delete a channel', response: ok({ message: str() }), responses: CHANNEL_404 },
  test: { summary: 'Send a test notification now', response: ok({ delivery: DELIVERY }), responses: CHANNEL_404 },
} satisfies Record<string, ApiDocOptions>;

export const TRIGGERED_ALERTS_DOCS = {
  list: {
    summary: 'Triggered alerts, newest first',
    query: {
      state: oneOf(['pending', 'firing', 'resolved', 'acknowledged']), severity: oneOf(SEVERITIES), rule_id: str(),
      page: int(undefined, { minimum: 1, maximum: 100_000 }), per_page: int(undefined, { minimum: 1, maximum: 500 }),
    },
    response: ok({ alerts: arr(ALERT), total: int(), page: int(), per_page: int() }),
  },
  get: {
    summary: 'An alert with its records, deliveries and history',
    response: ok({ alert: { allOf: [ALERT, obj({ records: arr(LOG_RECORD), deliveries: arr(DELIVERY), history: arr(EVENT) })] } }), responses: ALERT_404,
  },
  acknowledge: { summary: 'Acknowledge an alert', body: NOTE, bodyRequired: false, response: ok({ alert: ALERT }), responses: { ...ALERT_404, 409: 'The alert is resolved' } },
  resolve: { summary: 'Resolve an alert by hand', body: NOTE, bodyRequired: false, response: ok({ alert: ALERT }), responses: { ...ALERT_404, 409: 'The alert is resolved' } },
  history: {
    summary: 'State changes of alerts', query: { rule_id: str(), limit: int(undefined, { minimum: 1, maximum: 1000 }) },
    response: ok({ history: arr(EVENT), count: int() }),
  },
} satisfies Record<string, ApiDocOptions>;

export const SILENCES_DOCS = {
  create: {
    summary: 'Silence notifications of matching alerts for a while',
    body: input({
      matchers: { type: 'object', properties: { rule_id: str(), group: str(), severity: oneOf(SEVERITIES) } },
      starts_at: { oneOf: [time(), int('epoch ms')] }, ends_at: { oneOf: [time(), int('epoch ms')] }, comment: str(undefined, { maxLength: 1000 }),
    }, ['matchers', 'ends_at']),
    response: ok({ silence: SILENCE }),
  },
  list: { summary: 'Silences', query: { active: { schema: str(), description: 'true: only those not ended yet' } }, response: ok({ silences: arr(SILENCE), count: int() }) },
  delete: { summary: 'Delete a silence', response: ok({ message: str() }), responses: { 404: 'No such silence in your tenant' } },
} satisfies Record<string, ApiDocOptions>;

