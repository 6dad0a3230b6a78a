import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Access, CurrentPrincipal } from '../../auth/access.decorators';
import { Principal } from '../../auth/auth-types';
import { badParameter } from '../../platform/http/bad-request';
import { toApiRecord } from '../../logs/stored-record';
import { presentAlert, presentDelivery, presentEvent, presentNotification } from '../alert-presenter';
import { Severity, SEVERITIES } from '../rules/alert-rule';
import { AlertFilter } from './alert-state';
import { parseNote, TriggeredAlertsService } from './triggered-alerts.service';
import { ApiDoc } from '../../openapi/api-doc.decorator';
import { TRIGGERED_ALERTS_DOCS } from '../alerts.openapi';

type Json = Record<string, unknown> | undefined;

const STATES = ['pending', 'firing', 'resolved', 'acknowledged'] as const;

function int(raw: string | undefined, field: string, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw badParameter(field, `must be an integer from 1 to ${max}`);
  return n;
}

function filterOf(state?: string, severity?: string, ruleId?: string): AlertFilter {
  if (state && !STATES.includes(state as never)) throw badParameter('state', `must be one of ${STATES.join(', ')}`);
  if (severity && !SEVERITIES.includes(severity as Severity)) throw badParameter('severity', `must be one of ${SEVERITIES.join(', ')}`);
  return { ...(state ? { state: state as AlertFilter['state'] } : {}), ...(severity ? { severity: severity as Severity } : {}), ...(ruleId ? { ruleId } : {}) };
}

@Controller('api/alerts')
export class TriggeredAlertsController {
  constructor(private readonly alerts: TriggeredAlertsService) {}

  @ApiDoc(TRIGGERED_ALERTS_DOCS.list)
  @Get('triggered')
  @Access('read')
  async list(
    @CurrentPrincipal() who: Principal,
    @Query('state') state?: string,
    @Query('severity') severity?: string,
    @Query('rule_id') ruleId?: string,
    @Query('page') page?: string,
    @Query('per_page') perPage?: string,
  ) {
    const p = int(page, 'page', 1, 100_000);
    const size = int(perPage, 'per_page', 50, 500);
    const { total, alerts } = await this.alerts.list(who, filterOf(state, severity, ruleId), (p - 1) * size, size);
    const presented = await Promise.all(alerts.map(async (a) => presentAlert(a, await this.alerts.linkOf(a))));
    return { success: true, alerts: presented, total, page: p, per_page: size };
  }

  @ApiDoc(TRIGGERED_ALERTS_DOCS.get)
  @Get('triggered/:id')
  @Access('read')
  async get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    const d = await this.alerts.get(who, id);
    return {
      success: true,
      alert: { ...presentAlert(d.alert, await this.alerts.linkOf(d.alert)), records: d.records.map(toApiRecord), deliveries: d.deliveries.map(presentDelivery), notifications: d.notifications.map(presentNotification), history: d.events.map(presentEvent) },
    };
  }

  @ApiDoc(TRIGGERED_ALERTS_DOCS.acknowledge)
  @Post('triggered/:id/acknowledge')
  @Access('write')
  @HttpCode(200)
  async acknowledge(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: Json) {
    const alert = await this.alerts.acknowledge(who, id, parseNote(body?.note));
    return { success: true, alert: presentAlert(alert, await this.alerts.linkOf(alert)) };
  }

  @ApiDoc(TRIGGERED_ALERTS_DOCS.resolve)
  @Post('triggered/:id/resolve')
  @Access('write')
  @HttpCode(200)
  async resolve(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: Json) {
    const alert = await this.alerts.resolve(who, id, parseNote(body?.note));
    return { success: true, alert: presentAlert(alert, await this.alerts.linkOf(alert)) };
  }

  @ApiDoc(TRIGGERED_ALERTS_DOCS.history)
  @Get('history')
  @Access('read')
  async history(@CurrentPrincipal() who: Principal, @Query('rule_id') ruleId?: string, @Query('limit') limit?: string) {
    const events = await this.alerts.history(who, ruleId || undefined, int(limit, 'limit', 200, 1000));
    return { success: true, history: events.map(presentEvent), count: events.length };
  }
}
