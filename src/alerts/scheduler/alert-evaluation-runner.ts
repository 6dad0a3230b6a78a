import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TenantStore } from '../../auth/tenant-store';
import { Clock } from '../../platform/clock';
import { AlertEvaluator } from '../evaluator/alert-evaluator';
import { AlertNotifier } from '../notifications/alert-notifier';
import { ChannelSenders } from '../notifications/channel-senders';
import { EmailSender } from '../channels/email-sender';
import { AlertRuleStore } from '../rules/alert-rule-store';
import { AlertScheduler } from './alert-scheduler';

/** Schedules every enabled rule at start and runs their evaluations until shutdown. */
@Injectable()
export class AlertEvaluationRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Alerts');

  constructor(
    private readonly scheduler: AlertScheduler,
    private readonly rules: AlertRuleStore,
    private readonly tenants: TenantStore,
    private readonly evaluator: AlertEvaluator,
    private readonly notifier: AlertNotifier,
    private readonly senders: ChannelSenders,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let count = 0;
    for (const tenant of await this.tenants.list()) {
      for (const rule of await this.rules.listEnabled(tenant.id)) {
        await this.scheduler.schedule({ tenantId: tenant.id, id: rule.id, intervalMs: rule.intervalMs, enabled: true });
        count++;
      }
    }
    await this.scheduler.start((job) => this.evaluator.evaluateById(job.tenantId, job.ruleId, this.clock.now()));
    if (count > 0) this.logger.log(`Evaluating ${count} alert rules`);
  }

  /** Every enabled rule of a tenant, now (tests drive the clock and call this). */
  async evaluateTenant(tenantId: string): Promise<void> {
    for (const rule of await this.rules.listEnabled(tenantId)) await this.evaluator.evaluateById(tenantId, rule.id, this.clock.now());
    await this.notifier.whenIdle();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.notifier.whenIdle();
    (this.senders.get('email') as EmailSender | undefined)?.close();
  }
}
