import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TenantStore } from '../../auth/tenant-store';
import { Clock } from '../../platform/clock';
import { AlertEvaluator } from '../evaluator/alert-evaluator';
import { AlertNotifier } from '../notifications/alert-notifier';
import { ChannelSenders } from '../notifications/channel-senders';
import { EmailSender } from '../channels/email-sender';
import { AlertRuleStore } from '../rules/alert-rule-store';
import { AlertScheduler } from './alert-scheduler';

/** How often every tenant's outbox is looked at for retries that came due (and sends a dead process left). */
const OUTBOX_SWEEP_MS = 5_000;

/**
 * Schedules every enabled rule at start and runs their evaluations until shutdown. At start it
 * also hands over notifications a crash left committed but unsent, and from then on sweeps the
 * outbox for retries.
 */
@Injectable()
export class AlertEvaluationRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Alerts');
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

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
      const rules = await this.rules.list(tenant.id);
      await this.notifier.recover(tenant.id, rules.map((r) => r.id));
      for (const rule of rules.filter((r) => r.enabled)) {
        await this.scheduler.schedule({ tenantId: tenant.id, id: rule.id, intervalMs: rule.intervalMs, enabled: true });
        count++;
      }
    }
    await this.scheduler.start((job) => this.evaluator.evaluateById(job.tenantId, job.ruleId, this.clock.now()));
    if (count > 0) this.logger.log(`Evaluating ${count} alert rules`);
    const tick = () => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = null));
    };
    this.sweeper = setInterval(tick, OUTBOX_SWEEP_MS);
    this.sweeper.unref();
    tick();
  }

  private async sweep(): Promise<void> {
    try {
      for (const tenant of await this.tenants.list()) await this.notifier.drain(tenant.id);
    } catch (error) {
      this.logger.warn(`Sweeping the alert outbox failed: ${(error as Error).message}`);
    }
  }

  /** Every enabled rule of a tenant, now (tests drive the clock and call this). */
  async evaluateTenant(tenantId: string): Promise<void> {
    for (const rule of await this.rules.listEnabled(tenantId)) await this.evaluator.evaluateById(tenantId, rule.id, this.clock.now());
    await this.notifier.whenIdle();
    // Retries that came due on the test's clock.
    await this.notifier.drain(tenantId);
    await this.notifier.whenIdle();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.sweeping;
    await this.scheduler.stop();
    await this.notifier.whenIdle();
    (this.senders.get('email') as EmailSender | undefined)?.close();
  }
}
