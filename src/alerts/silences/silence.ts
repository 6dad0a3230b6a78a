import { Severity } from '../rules/alert-rule';

export interface SilenceMatchers {
  ruleId?: string;
  group?: string;
  severity?: Severity;
}

/** While active, notifications of matching alerts are suppressed; their states are still tracked. */
export interface Silence {
  id: string;
  tenantId: string;
  ownerId: string | null;
  ownerName: string;
  matchers: SilenceMatchers;
  startsAt: number;
  endsAt: number;
  comment: string | null;
  createdAt: number;
}

/** Every matcher given must match; a silence without matchers silences the whole tenant. */
export function silences(silence: Silence, alert: { ruleId: string; group: string | null; severity: Severity }, at: number): boolean {
  if (at < silence.startsAt || at >= silence.endsAt) return false;
  const m = silence.matchers;
  return (m.ruleId === undefined || m.ruleId === alert.ruleId) && (m.group === undefined || m.group === alert.group) && (m.severity === undefined || m.severity === alert.severity);
}
