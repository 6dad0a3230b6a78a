import { badParameter } from '../../platform/http/bad-request';
import { Severity, SEVERITIES } from '../rules/alert-rule';
import { SilenceMatchers } from './silence';

type Body = Record<string, unknown>;

const MAX_SPAN = 90 * 86_400_000;

export interface SilenceInput {
  matchers: SilenceMatchers;
  startsAt: number;
  endsAt: number;
  comment: string | null;
}

function time(raw: unknown, field: string, fallback: number | null): number {
  if (raw === undefined || raw === null || raw === '') {
    if (fallback === null) throw badParameter(field, 'is required: an ISO 8601 time');
    return fallback;
  }
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms)) throw badParameter(field, 'must be an ISO 8601 time such as 2026-01-01T10:00:00Z');
  return ms;
}

/** `{matchers: {rule_id?, group?, severity?}, starts_at?, ends_at, comment?}`; starts now by default. */
export function parseSilence(body: Body, now: number): SilenceInput {
  const raw = body.matchers ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badParameter('matchers', 'must be an object such as {"rule_id": "...", "group": "api"}');
  const m = raw as Body;
  const matchers: SilenceMatchers = {};
  for (const [key, field] of [['rule_id', 'ruleId'], ['group', 'group']] as const) {
    if (m[key] === undefined || m[key] === null) continue;
    if (typeof m[key] !== 'string' || (m[key] as string).length > 500) throw badParameter(`matchers.${key}`, 'must be a string');
    matchers[field] = m[key] as string;
  }
  if (m.severity !== undefined && m.severity !== null) {
    if (!SEVERITIES.includes(m.severity as Severity)) throw badParameter('matchers.severity', `must be one of ${SEVERITIES.join(', ')}`);
    matchers.severity = m.severity as Severity;
  }
  const startsAt = time(body.starts_at, 'starts_at', now);
  const endsAt = time(body.ends_at, 'ends_at', null);
  if (endsAt <= startsAt) throw badParameter('ends_at', 'must be after starts_at');
  if (endsAt - startsAt > MAX_SPAN) throw badParameter('ends_at', 'must be within 90 days of starts_at');
  const comment = body.comment;
  if (comment !== undefined && comment !== null && (typeof comment !== 'string' || comment.length > 1000)) throw badParameter('comment', 'must be a string of at most 1000 characters');
  return { matchers, startsAt, endsAt, comment: typeof comment === 'string' && comment.trim() !== '' ? comment.trim() : null };
}
