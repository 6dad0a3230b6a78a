export interface EvaluationJob {
  tenantId: string;
  ruleId: string;
}

export interface ScheduledRule {
  tenantId: string;
  id: string;
  intervalMs: number;
  enabled: boolean;
}

/**
 * Runs each rule's evaluation every interval. In one process on the embedded default; with
 * LOGNEST_REDIS_URL a repeatable bullmq job per rule, so however many Lognest processes run,
 * each rule is evaluated once per interval (the job's lock keeps it to one worker).
 * `schedule` is idempotent: every process may schedule every rule at start.
 */
export abstract class AlertScheduler {
  abstract start(run: (job: EvaluationJob) => Promise<void>): Promise<void>;
  /** Schedules or reschedules a rule; a disabled rule is unscheduled. */
  abstract schedule(rule: ScheduledRule): Promise<void>;
  abstract unschedule(tenantId: string, ruleId: string): Promise<void>;
  /** Stops starting evaluations and waits for those running. */
  abstract stop(): Promise<void>;
}

export const jobKey = (tenantId: string, ruleId: string) => `${tenantId}:${ruleId}`;
