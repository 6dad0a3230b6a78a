import { Injectable } from '@nestjs/common';
import { Principal } from '../../auth/auth-types';
import { Clock } from '../../platform/clock';
import { badParameter } from '../../platform/http/bad-request';
import { newId } from '../../platform/ids';
import { assertCanManage, notFound } from '../alert-access';
import { AlertRuleStore } from '../rules/alert-rule-store';
import { Silence } from './silence';
import { parseSilence } from './silence-input';
import { SilenceStore } from './silence-store';

/** Silences: members add them and remove their own, admins any. */
@Injectable()
export class SilencesService {
  constructor(
    private readonly silences: SilenceStore,
    private readonly rules: AlertRuleStore,
    private readonly clock: Clock,
  ) {}

  list(who: Principal, activeOnly: boolean): Promise<Silence[]> {
    return this.silences.list(who.tenantId, activeOnly ? this.clock.now() : undefined);
  }

  async create(who: Principal, body: Record<string, unknown>): Promise<Silence> {
    const now = this.clock.now();
    const input = parseSilence(body, now);
    if (input.matchers.ruleId !== undefined && !(await this.rules.get(who.tenantId, input.matchers.ruleId))) {
      throw badParameter('matchers.rule_id', `no rule ${input.matchers.ruleId}`);
    }
    const silence: Silence = { id: newId(), tenantId: who.tenantId, ownerId: who.userId, ownerName: who.username, ...input, createdAt: now };
    await this.silences.create(silence);
    return silence;
  }

  async delete(who: Principal, id: string): Promise<void> {
    const silence = await this.silences.get(who.tenantId, id);
    if (!silence) throw notFound('silence', id);
    assertCanManage(who, silence.ownerId, 'silence');
    await this.silences.delete(who.tenantId, id);
  }
}
