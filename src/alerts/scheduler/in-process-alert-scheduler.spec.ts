import { describeAlertSchedulerContract } from './alert-scheduler.contract';
import { InProcessAlertScheduler } from './in-process-alert-scheduler';

describeAlertSchedulerContract('in-process', async () => new InProcessAlertScheduler());

describe('in-process alert scheduler', () => {
  it('skips a tick while the rule’s previous evaluation still runs', async () => {
    const scheduler = new InProcessAlertScheduler();
    let started = 0;
    let release!: () => void;
    await scheduler.schedule({ tenantId: 't', id: 'r', intervalMs: 50, enabled: true });
    await scheduler.start(() => {
      started++;
      return new Promise<void>((r) => (release = r));
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(started).toBe(1);
    release();
    await scheduler.stop();
  });
});
