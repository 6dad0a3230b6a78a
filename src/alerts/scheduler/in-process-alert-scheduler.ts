import { Logger } from '@nestjs/common';
import { AlertScheduler, EvaluationJob, jobKey, ScheduledRule } from './alert-scheduler';

interface Entry {
  job: EvaluationJob;
  intervalMs: number;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
}

/**
 * A timer per rule in this process. A rule whose previous evaluation is still running skips
 * the tick instead of piling up evaluations behind a slow query.
 */
export class InProcessAlertScheduler extends AlertScheduler {
  private readonly logger = new Logger('Alerts');
  private readonly entries = new Map<string, Entry>();
  private run: ((job: EvaluationJob) => Promise<void>) | null = null;

  async start(run: (job: EvaluationJob) => Promise<void>): Promise<void> {
    this.run = run;
    for (const entry of this.entries.values()) this.arm(entry);
  }

  async schedule(rule: ScheduledRule): Promise<void> {
    const key = jobKey(rule.tenantId, rule.id);
    if (!rule.enabled) return this.unschedule(rule.tenantId, rule.id);
    const existing = this.entries.get(key);
    if (existing && existing.intervalMs === rule.intervalMs) return;
    if (existing?.timer) clearInterval(existing.timer);
    const entry: Entry = { job: { tenantId: rule.tenantId, ruleId: rule.id }, intervalMs: rule.intervalMs, timer: null, running: existing?.running ?? null };
    this.entries.set(key, entry);
    if (this.run) this.arm(entry);
  }

  async unschedule(tenantId: string, ruleId: string): Promise<void> {
    const key = jobKey(tenantId, ruleId);
    const entry = this.entries.get(key);
    if (entry?.timer) clearInterval(entry.timer);
    this.entries.delete(key);
  }

  async stop(): Promise<void> {
    this.run = null;
    for (const entry of this.entries.values()) {
      if (entry.timer) clearInterval(entry.timer);
      entry.timer = null;
    }
    await Promise.allSettled([...this.entries.values()].map((e) => e.running));
  }

  private arm(entry: Entry): void {
    entry.timer = setInterval(() => this.tick(entry), entry.intervalMs);
  }

  private tick(entry: Entry): void {
    const run = this.run;
    if (!run || entry.running) return;
    entry.running = run(entry.job)
      .catch((err) => this.logger.warn(`Alert evaluation ${jobKey(entry.job.tenantId, entry.job.ruleId)} failed: ${err?.message ?? err}`))
      .finally(() => (entry.running = null));
  }
}
