// The peers of the peer bench as child processes: Elasticsearch (the integ-test zip that
// .ci/services.sh caches, 2 GB heap, single node) and VictoriaLogs (built with `go install`).
// Each on its own port and fresh data dir; CPU time and RSS read from /proc of its pid.

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { sleep } from './lognest-server';

export const ES_VERSION = '8.19.0';
const ES_USER = 'lognest-es';

export interface PeerProcess {
  name: string;
  baseUrl: string;
  dataDir: string;
  pid(): number;
  stop(): Promise<void>;
}

/** utime + stime of a process in seconds (Linux /proc). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : 0;
}

async function waitFor(url: string, timeoutMs: number, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited during start (code ${child.exitCode})`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess, pid: () => number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => process.kill(pid(), 'SIGKILL'), 30_000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    try {
      process.kill(pid(), 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

function java17Home(): string {
  const jvm = '/usr/lib/jvm';
  const dir = existsSync(jvm) ? readdirSync(jvm).find((d) => /17/.test(d) && existsSync(join(jvm, d, 'bin', 'java'))) : undefined;
  if (!dir) throw new Error('no Java 17 under /usr/lib/jvm (run .ci/services.sh start once, it installs it)');
  return join(jvm, dir);
}

/** Elasticsearch from the cache of .ci/services.sh (`${TMPDIR:-/tmp}/lognest-es-cache`). */
export async function startElasticsearch(port: number, transportPort: number, root: string, heap = '2g'): Promise<PeerProcess> {
  const home = join(process.env.TMPDIR ?? '/tmp', 'lognest-es-cache', `elasticsearch-${ES_VERSION}`);
  if (!existsSync(join(home, 'bin', 'elasticsearch'))) throw new Error(`${home} missing: run .ci/services.sh start once to fetch Elasticsearch`);
  const dataDir = join(root, 'es-data');
  const logs = join(root, 'es-logs');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(logs, { recursive: true });
  const pidFile = join(root, 'es.pid');
  const asUser = os.userInfo().uid === 0 ? ['runuser', '-u', ES_USER, '--'] : [];
  if (asUser.length > 0) {
    // The unprivileged user must reach its dirs through the bench's private temp dir.
    chmodSync(dirname(root), 0o755);
    spawnSync('chown', ['-R', ES_USER, root]);
  }
  const java = java17Home();
  const args = [
    ...asUser, 'env', `JAVA_HOME=${java}`, `ES_JAVA_HOME=${java}`, `ES_JAVA_OPTS=-Xms${heap} -Xmx${heap}`,
    join(home, 'bin', 'elasticsearch'), '-p', pidFile, '-Ediscovery.type=single-node', '-Expack.security.enabled=false',
    `-Ehttp.port=${port}`, '-Enetwork.host=127.0.0.1', `-Etransport.port=${transportPort}`,
    `-Epath.data=${dataDir}`, `-Epath.logs=${logs}`, '-Ecluster.routing.allocation.disk.threshold_enabled=false',
  ];
  const out = openSync(join(root, 'stdout.log'), 'a');
  const child = spawn(args[0], args.slice(1), { stdio: ['ignore', out, out] });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/_cluster/health`, 180_000, child, `Elasticsearch (output in ${root}/stdout.log)`);
  const pid = () => Number(readFileSync(pidFile, 'utf8').trim());
  return { name: 'elasticsearch', baseUrl, dataDir, pid, stop: () => stopChild(child, pid) };
}

/** VictoriaLogs from `go install …/victoria-logs@v1.52.1` (in $GOBIN or ~/go/bin). */
export async function startVictoriaLogs(port: number, root: string): Promise<PeerProcess> {
  const bin = [process.env.GOBIN, join(os.homedir(), 'go', 'bin')].filter(Boolean).map((d) => join(d as string, 'victoria-logs')).find(existsSync);
  if (!bin) throw new Error('victoria-logs not found: go install github.com/VictoriaMetrics/VictoriaLogs/app/victoria-logs@v1.52.1');
  const dataDir = join(root, 'vl-data');
  // A long retention: the generated data spans days, older than the 7-day default allows near its edge.
  const child = spawn(bin, [`-httpListenAddr=127.0.0.1:${port}`, `-storageDataPath=${dataDir}`, '-retentionPeriod=10y', '-loggerLevel=WARN'], { stdio: 'ignore' });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}/health`, 60_000, child, 'VictoriaLogs');
  const pid = () => child.pid as number;
  return { name: 'victorialogs', baseUrl, dataDir, pid, stop: () => stopChild(child, pid) };
}
