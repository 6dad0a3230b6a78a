import { AlertScheduler, EvaluationJob } from './alert-scheduler';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The behaviour every AlertScheduler adapter (in-process, bullmq) must show. Timing-tolerant: the machine is shared. */
export function describeAlertSchedulerContract(name: string, make: () => Promise<AlertScheduler>) {
  describe(`AlertScheduler contract: ${name}`, () => {
    let scheduler: AlertScheduler;
    let runs: EvaluationJob[];
    const count = (ruleId: string) => runs.filter((r) => r.ruleId === ruleId).length;

    beforeEach(async () => {
      scheduler = await make();
      runs = [];
    });
    afterEach(() => scheduler.stop());

    it('runs each scheduled rule about once per interval, scheduled twice or not', async () => {
      await scheduler.schedule({ tenantId: 't1', id: 'fast', intervalMs: 250, enabled: true });
      await scheduler.schedule({ tenantId: 't1', id: 'fast', intervalMs: 250, enabled: true });
      await scheduler.schedule({ tenantId: 't2', id: 'slow', intervalMs: 5_000, enabled: true });
      await scheduler.schedule({ tenantId: 't1', id: 'off', intervalMs: 250, enabled: false });
      await scheduler.start(async (job) => {
        runs.push(job);
      });
      await sleep(1_400);
      expect(count('fast')).toBeGreaterThanOrEqual(3);
      expect(count('fast')).toBeLessThanOrEqual(7);
      expect(count('slow')).toBeLessThanOrEqual(1);
      expect(count('off')).toBe(0);
      expect(runs.find((r) => r.ruleId === 'fast')).toEqual({ tenantId: 't1', ruleId: 'fast' });
    });

    it('stops running a rule once unscheduled or disabled', async () => {
      await scheduler.start(async (job) => {
        runs.push(job);
      });
      await scheduler.schedule({ tenantId: 't1', id: 'a', intervalMs: 200, enabled: true });
      await scheduler.schedule({ tenantId: 't1', id: 'b', intervalMs: 200, enabled: true });
      await sleep(700);
      await scheduler.unschedule('t1', 'a');
      await scheduler.schedule({ tenantId: 't1', id: 'b', intervalMs: 200, enabled: false });
      await sleep(300);
      const [a, b] = [count('a'), count('b')];
      expect(a).toBeGreaterThan(0);
      await sleep(800);
      expect([count('a'), count('b')]).toEqual([a, b]);
    });
  });
}
