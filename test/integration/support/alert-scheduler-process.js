// One "Lognest process" of the two-process scheduler test: a BullmqAlertScheduler from the
// compiled build on the shared queue. It schedules every rule it is given (as each Lognest
// process does at start) and prints one JSON line per evaluation it runs.
const path = require('node:path');
const { BullmqAlertScheduler } = require(path.join(process.env.LOGNEST_BUILD, 'src/alerts/scheduler/bullmq-alert-scheduler.js'));

async function main() {
  const rules = JSON.parse(process.env.ALERT_RULES);
  const scheduler = new BullmqAlertScheduler(process.env.REDIS_URL, { prefix: process.env.QUEUE_PREFIX });
  for (const rule of rules) await scheduler.schedule(rule);
  await scheduler.start(async (job) => {
    process.stdout.write(JSON.stringify({ pid: process.pid, ...job, at: Date.now() }) + '\n');
    await new Promise((r) => setTimeout(r, 20));
  });
  process.stdout.write(JSON.stringify({ ready: process.pid }) + '\n');
  process.on('SIGTERM', async () => {
    await scheduler.stop();
    process.exit(0);
  });
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
