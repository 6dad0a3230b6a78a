import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { describeAlertSchedulerContract } from '../../src/alerts/scheduler/alert-scheduler.contract';
import { BullmqAlertScheduler } from '../../src/alerts/scheduler/bullmq-alert-scheduler';
import { TEST_REDIS_URL, testRedis } from './support/test-redis';

const ROOT = path.resolve(__dirname, '../..');
const redis = testRedis('alert-scheduler');
afterAll(() => redis.close());

describeAlertSchedulerContract('bullmq', async () => new BullmqAlertScheduler(TEST_REDIS_URL, { prefix: redis.prefix().slice(0, -1) }));

describe('bullmq alert scheduler across two processes', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  it('evaluates each rule once per interval, whichever process takes it', async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
    const rules = Array.from({ length: 6 }, (_, i) => ({ tenantId: `t${i % 2}`, id: `rule-${i}`, intervalMs: 1_000, enabled: true }));
    const prefix = redis.prefix().slice(0, -1);
    const lines: Array<{ pid?: number; ruleId?: string; at?: number; ready?: number }> = [];
    const start = () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(__dirname, 'support/alert-scheduler-process.js')], {
          env: { ...process.env, LOGNEST_BUILD: path.join(ROOT, 'dist'), REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, ALERT_RULES: JSON.stringify(rules) },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        children.push(child);
        let buffer = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const parts = buffer.split('\n');
          buffer = parts.pop()!;
          for (const line of parts) {
            const parsed = JSON.parse(line);
            lines.push(parsed);
            if (parsed.ready) resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`scheduler process exited with ${code}`)));
      });
    await Promise.all([start(), start()]);
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 6_500));
    const runs = lines.filter((l) => l.ruleId && l.at! >= from && l.at! < from + 6_000);
    for (const rule of rules) {
      const times = runs.filter((r) => r.ruleId === rule.id).map((r) => r.at!).sort((a, b) => a - b);
      // Six one-second intervals: one run each, never two in the same interval.
      expect(times.length).toBeGreaterThanOrEqual(5);
      expect(times.length).toBeLessThanOrEqual(7);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThan(500);
    }
    // Both processes took part.
    expect(new Set(runs.map((r) => r.pid)).size).toBe(2);
  });
});
