import { ConflictException, Injectable } from '@nestjs/common';
import { Principal } from '../../auth/auth-types';
import { AppConfig } from '../../config/app-config';
import { LogRecord } from '../../logs/log-record';
import { LogReadStore } from '../../logs/log-read-store';
import { Clock } from '../../platform/clock';
import { badParameter } from '../../platform/http/bad-request';
import { newId } from '../../platform/ids';
import { notFound } from '../alert-access';
import { Delivery } from '../deliveries/delivery';
import { DeliveryStore } from '../deliveries/delivery-store';
import { ruleScope, searchLink } from '../evaluator/rule-scope';
import { AlertNotifier } from '../notifications/alert-notifier';
import { DeliveryOutbox } from '../outbox/delivery-outbox';
import { OutboxEntry } from '../outbox/outbox-entry';
import { AlertRuleStore } from '../rules/alert-rule-store';
import { AlertEvent, AlertFilter, AlertGroupState, StateCommit, TriggeredAlert } from './alert-state';
import { INITIAL_STATE } from './alert-state-machine';
import { AlertStateStore } from './alert-state-store';

const SAMPLE_RECORDS = 10;
const MAX_NOTE = 1000;
const COMMIT_TRIES = 5;

export function parseNote(raw: unknown): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string' || raw.length > MAX_NOTE) throw badParameter('note', `must be a string of at most ${MAX_NOTE} characters`);
  return raw.trim() || null;
}

/** Triggered alerts: listing, detail with records and deliveries, acknowledge and resolve by people. */
@Injectable()
export class TriggeredAlertsService {
  constructor(
    private readonly states: AlertStateStore,
    private readonly rules: AlertRuleStore,
    private readonly deliveries: DeliveryStore,
    private readonly outbox: DeliveryOutbox,
    private readonly logs: LogReadStore,
    private readonly notifier: AlertNotifier,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  list(who: Principal, filter: AlertFilter, offset: number, limit: number) {
    return this.states.alerts(who.tenantId, filter, offset, limit);
  }

  /** The search link of an alert: its rule's records in the window of its last evaluation. */
  async linkOf(alert: TriggeredAlert): Promise<string> {
    const rule = await this.rules.get(alert.tenantId, alert.ruleId);
    const scoped = rule ?? { query: alert.query, levels: [], services: [], groupBy: alert.groupBy };
    return searchLink(this.config.publicUrl, scoped, alert.group, alert.windowMs, alert.lastEvaluatedAt - this.config.alertDelayMs);
  }

  async get(who: Principal, id: string): Promise<{ alert: TriggeredAlert; records: LogRecord[]; deliveries: Delivery[]; notifications: OutboxEntry[]; events: AlertEvent[] }> {
    const alert = await this.states.alert(who.tenantId, id);
    if (!alert) throw notFound('alert', id);
    const rule = await this.rules.get(who.tenantId, alert.ruleId);
    const scoped = rule ?? { query: alert.query, levels: [], services: [], groupBy: alert.groupBy, condition: { windowMs: alert.windowMs } };
    const scope = ruleScope(who.tenantId, { ...scoped, condition: { windowMs: alert.windowMs } }, alert.lastEvaluatedAt - this.config.alertDelayMs, alert.group);
    const [sample, deliveries, notifications, events] = await Promise.all([
      this.logs.search(scope, { offset: 0, limit: SAMPLE_RECORDS, sort: 'desc' }),
      this.deliveries.forAlert(who.tenantId, id),
      this.outbox.forAlert(who.tenantId, id),
      this.states.events(who.tenantId, { alertId: id }, 100),
    ]);
    return { alert, records: sample.records, deliveries, notifications, events };
  }

  history(who: Principal, ruleId: string | undefined, limit: number): Promise<AlertEvent[]> {
    return this.states.events(who.tenantId, ruleId === undefined ? {} : { ruleId }, limit);
  }

  /** Marks a firing alert: reminders stop until it resolves. */
  acknowledge(who: Principal, id: string, note: string | null): Promise<TriggeredAlert> {
    return this.change(who, id, note, (alert, now) => {
      if (alert.state !== 'firing') throw new ConflictException({ success: false, error: 'not_firing', message: `Alert ${id} is ${alert.state}; only a firing alert can be acknowledged` });
      return {
        alert: { ...alert, acknowledgedAt: now, acknowledgedBy: who.username, acknowledgeNote: note },
        state: { acknowledged: true },
        to: 'acknowledged',
      };
    });
  }

  /** Resolves a pending or firing alert by hand; it notifies its resolution once, and fires anew if the condition still holds. */
  async resolve(who: Principal, id: string, note: string | null): Promise<TriggeredAlert> {
    const known = await this.states.alert(who.tenantId, id);
    const rule = known ? await this.rules.get(who.tenantId, known.ruleId) : null;
    return this.change(who, id, note, (alert, now, current) => {
      if (alert.state === 'resolved') throw new ConflictException({ success: false, error: 'resolved', message: `Alert ${id} is already resolved` });
      const wasFiring = alert.state === 'firing';
      const resolved: TriggeredAlert = { ...alert, state: 'resolved', resolvedAt: now, resolvedBy: who.username, resolveNote: note };
      // Only a fired alert was announced, so only its resolution is.
      const intent = wasFiring && rule ? this.notifier.intent(rule, resolved, 'resolved', now) : null;
      return {
        alert: resolved,
        state: { ...INITIAL_STATE, since: now, lastNotifiedAt: wasFiring ? now : null, alertId: null, unsent: [...(current?.unsent ?? []), ...(intent ? [intent] : [])] },
        to: 'resolved',
      };
    });
  }

  /** Applies a person's change to an alert and its group state together, retrying on a racing evaluation. */
  private async change(
    who: Principal,
    id: string,
    note: string | null,
    decide: (alert: TriggeredAlert, now: number, current: AlertGroupState | null) => { alert: TriggeredAlert; state: Partial<StateCommit['state']>; to: string },
  ): Promise<TriggeredAlert> {
    for (let attempt = 0; attempt < COMMIT_TRIES; attempt++) {
      const alert = await this.states.alert(who.tenantId, id);
      if (!alert) throw notFound('alert', id);
      const now = this.clock.now();
      const state = await this.states.groupState(who.tenantId, alert.ruleId, alert.group ?? '');
      const decided = decide(alert, now, state);
      if (!state || state.alertId !== id) throw new ConflictException({ success: false, error: 'stale', message: `Alert ${id} is no longer the current alert of its rule` });
      const { version, ...current } = state;
      const committed = await this.states.commit(who.tenantId, {
        state: { ...current, ...decided.state },
        expectedVersion: version,
        alert: decided.alert,
        event: {
          id: newId(), tenantId: who.tenantId, ruleId: alert.ruleId, alertId: id, group: alert.group, from: alert.state, to: decided.to,
          value: alert.value, cause: `user:${who.username}`, note, at: now,
        },
      });
      if (committed) {
        this.notifier.dispatch(who.tenantId, { ...current, ...decided.state });
        return decided.alert;
      }
    }
    throw new ConflictException({ success: false, error: 'busy', message: `Alert ${id} kept changing; try again` });
  }
}
