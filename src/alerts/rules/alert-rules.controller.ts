import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../../auth/access.decorators';
import { Principal } from '../../auth/auth-types';
import { presentRule } from '../alert-presenter';
import { formatDuration } from '../../platform/duration';
import { AlertRulesService } from './alert-rules.service';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { ALERT_RULES_DOCS } from '../alerts.openapi';

type Json = Record<string, unknown> | undefined;

@Controller('api/alerts/rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @ApiDoc(ALERT_RULES_DOCS.create)
  @Post()
  @Access('write')
  async create(@CurrentPrincipal() who: Principal, @Body() body: Json) {
    return { success: true, rule: presentRule(await this.rules.create(who, body ?? {})) };
  }

  @ApiDoc(ALERT_RULES_DOCS.list)
  @Get()
  @Access('read')
  async list(@CurrentPrincipal() who: Principal) {
    const rules = await this.rules.list(who);
    return { success: true, rules: rules.map((r) => presentRule(r.rule, r.states)), count: rules.length };
  }

  /** The rule's value over the last 24 h, before saving it (the editor's chart). */
  @ApiDoc(ALERT_RULES_DOCS.preview)
  @Post('preview')
  @Access('read')
  @HttpCode(200)
  async preview(@CurrentPrincipal() who: Principal, @Body() body: Json) {
    const p = await this.rules.preview(who, body ?? {});
    return {
      success: true, operator: p.definition.condition.operator, threshold: p.definition.condition.threshold, bucket: formatDuration(p.intervalMs),
      from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(),
      points: p.points.map((pt) => ({ start: new Date(pt.start).toISOString(), group: pt.group, value: pt.value })),
    };
  }

  @ApiDoc(ALERT_RULES_DOCS.get)
  @Get(':id')
  @Access('read')
  async get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    const { rule, states } = await this.rules.get(who, id);
    return { success: true, rule: presentRule(rule, states), groups: states.map((s) => ({ group: s.group, state: s.state, acknowledged: s.acknowledged, value: s.lastValue, alert_id: s.alertId })) };
  }

  @ApiDoc(ALERT_RULES_DOCS.update)
  @Put(':id')
  @Access('write')
  async update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: Json) {
    return { success: true, rule: presentRule(await this.rules.update(who, id, body ?? {})) };
  }

  @ApiDoc(ALERT_RULES_DOCS.delete)
  @Delete(':id')
  @Access('write')
  async delete(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.rules.delete(who, id);
    return { success: true, message: 'Rule deleted' };
  }

  /** Evaluates now: the value per group and whether the condition holds; no state change, no notification. */
  @ApiDoc(ALERT_RULES_DOCS.test)
  @Post(':id/test')
  @Access('write')
  @HttpCode(200)
  async test(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    const t = await this.rules.test(who, id);
    return {
      success: true, rule_id: id, evaluated_at: new Date(t.evaluatedAt).toISOString(),
      groups: t.groups.map((g) => ({ group: g.group, value: g.value, condition_met: g.met })),
    };
  }
}
