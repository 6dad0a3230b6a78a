import { badParameter } from '../../platform/http/bad-request';
import { AlertChannel, CHANNEL_TYPES, ChannelConfig, ChannelType } from './alert-channel';
import { OutboundUrlGuard } from './outbound-url-guard';

type Body = Record<string, unknown>;

export interface ChannelInput {
  name: string;
  type: ChannelType;
  config: ChannelConfig;
}

/** What channel configs are checked against: the outbound URL guard, whether SMTP is configured. */
export class ChannelRules {
  constructor(
    readonly guard: OutboundUrlGuard,
    readonly smtpConfigured: boolean,
  ) {}
}

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$|^[^\s@<>,;]+@localhost$/;
// Headers a webhook may not set: they belong to the request itself or to the signature.
const RESERVED_HEADERS = new Set(['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'x-lognest-signature', 'idempotency-key']);

function url(raw: unknown, field: string, rules: ChannelRules): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw badParameter(field, 'is required: an http or https URL');
  const problem = rules.guard.problem(raw.trim());
  if (problem) throw badParameter(field, problem);
  return raw.trim();
}

function webhook(config: Body, rules: ChannelRules, keep: ChannelConfig | null): ChannelConfig {
  const out: { url: string; secret?: string; headers?: Record<string, string> } = { url: url(config.url, 'config.url', rules) };
  const secret = config.secret === undefined ? (keep as { secret?: string } | null)?.secret : config.secret;
  if (secret !== undefined && secret !== null && secret !== '') {
    if (typeof secret !== 'string' || secret.length < 8 || secret.length > 500) throw badParameter('config.secret', 'must be a string of 8 to 500 characters');
    out.secret = secret;
  }
  if (config.headers !== undefined && config.headers !== null) {
    const headers = config.headers as Body;
    if (typeof headers !== 'object' || Array.isArray(headers)) throw badParameter('config.headers', 'must be an object of header names to string values');
    for (const [name, value] of Object.entries(headers)) {
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) throw badParameter('config.headers', `${name} cannot be set`);
      if (typeof value !== 'string' || /[\r\n]/.test(value) || value.length > 2000) throw badParameter('config.headers', `${name} must be a single-line string`);
    }
    if (Object.keys(headers).length > 0) out.headers = headers as Record<string, string>;
  }
  return out;
}

function email(config: Body, rules: ChannelRules): ChannelConfig {
  if (!rules.smtpConfigured) throw badParameter('type', 'email channels need LOGNEST_SMTP_URL to be set');
  const raw = typeof config.to === 'string' ? config.to.split(',') : config.to;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 50) throw badParameter('config.to', 'is required: 1 to 50 email addresses');
  const to = raw.map((a) => (typeof a === 'string' ? a.trim() : ''));
  const bad = to.find((a) => !EMAIL.test(a));
  if (bad !== undefined) throw badParameter('config.to', `"${bad}" is not an email address`);
  return { to };
}

/** The config of a channel type, validated; `keep` is the stored config a PUT changes. */
export function parseChannelConfig(type: ChannelType, raw: unknown, rules: ChannelRules, keep: ChannelConfig | null = null): ChannelConfig {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw badParameter('config', 'must be an object');
  const config = raw as Body;
  switch (type) {
    case 'webhook':
      return webhook(config, rules, keep);
    case 'slack':
      return { webhook_url: url(config.webhook_url ?? config.url, 'config.webhook_url', rules) };
    case 'email':
      return email(config, rules);
    case 'browser':
    case 'console':
      return {};
  }
}

function name(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '' || raw.trim().length > 100) throw badParameter('name', 'is required: 1 to 100 characters');
  return raw.trim();
}

function type(raw: unknown): ChannelType {
  if (typeof raw !== 'string' || !CHANNEL_TYPES.includes(raw as ChannelType)) throw badParameter('type', `must be one of ${CHANNEL_TYPES.join(', ')}`);
  return raw as ChannelType;
}

export function parseNewChannel(body: Body, rules: ChannelRules): ChannelInput {
  const t = type(body.type);
  return { name: name(body.name), type: t, config: parseChannelConfig(t, body.config, rules) };
}

/** A PUT: name, type and config as sent, the rest kept; a webhook keeps its secret unless one is sent. */
export function parseChannelChanges(channel: AlertChannel, body: Body, rules: ChannelRules): ChannelInput {
  const t = body.type === undefined ? channel.type : type(body.type);
  const config = body.config === undefined && t === channel.type ? channel.config : parseChannelConfig(t, body.config ?? {}, rules, t === channel.type ? channel.config : null);
  return { name: body.name === undefined ? channel.name : name(body.name), type: t, config };
}
