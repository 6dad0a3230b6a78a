// A labelled corpus for log template mining, in the style of Loghub's 2k-line samples (Zhu et
// al., ICSE-SEIP 2019): per system, event templates modelled on the published Loghub templates
// of HDFS, OpenSSH, Apache, Zookeeper and Linux, plus the templates of the bench generator's own
// messages (sample-messages.ts). Lines are generated from the templates, so every line's true
// event is known. Variables include words no mask catches (user names, weekdays, states).

import { Prng } from './prng';

export interface LabelledLine {
  system: string;
  /** The true event: `system/index of its template`. */
  event: string;
  line: string;
}

const USERS = ['root', 'admin', 'test', 'guest', 'oracle', 'postgres', 'ubuntu', 'user', 'ftpuser', 'pi', 'git', 'nagios'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Jun', 'Jul', 'Nov', 'Dec'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const TERMS = ['shoes', 'red dress', 'laptop', 'coffee', 'gift card'];

type Slot = (rng: Prng) => string;
const SLOTS: Record<string, Slot> = {
  int: (r) => String(r.int(0, 99_999)),
  small: (r) => String(r.int(1, 64)),
  ip: (r) => `${r.int(10, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
  port: (r) => String(r.int(1024, 65_535)),
  blk: (r) => `blk_${r.chance(0.5) ? '-' : ''}${r.int(1e8, 9e8)}${r.int(1e8, 9e8)}`,
  hex: (r) => `0x${r.hex(12)}`,
  path: (r) => `/user/root/rand${r.int(1, 9)}/_temporary/_task_${r.int(100, 999)}_r_${r.int(10, 99)}/part-${r.int(0, 9)}`,
  webpath: (r) => `/var/www/html/${r.pick(['icons', 'img', 'static', 'docs'])}/`,
  user: (r) => r.pick(USERS),
  host: (r) => `host-${r.int(1, 250)}-${r.int(1, 250)}.example.net`,
  day: (r) => r.pick(DAYS),
  month: (r) => r.pick(MONTHS),
  clock: (r) => `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`,
  year: (r) => String(r.int(2004, 2006)),
  amount: (r) => (r.int(199, 99_999) / 100).toFixed(2),
  acct: (r) => `acct-${r.int(1, 900)}`,
  usr: (r) => `user-${r.int(1, 5000)}`,
  plan: (r) => r.pick(PLANS),
  term: (r) => r.pick(TERMS),
  payid: (r) => `pay_${r.hex(12)}`,
  ord: (r) => `ord-${r.int(1, 99_999)}`,
};

export const CORPUS_TEMPLATES: Record<string, string[]> = {
  HDFS: [
    'Receiving block {blk} src: /{ip}:{port} dest: /{ip}:{port}',
    'PacketResponder {small} for block {blk} terminating',
    'Received block {blk} of size {int} from /{ip}',
    'BLOCK* NameSystem.addStoredBlock: blockMap updated: {ip}:{port} is added to {blk} size {int}',
    'BLOCK* NameSystem.allocateBlock: {path} {blk}',
    'Verification succeeded for {blk}',
    'Deleting block {blk} file /mnt/hadoop/dfs/data/current/subdir{small}/{blk}',
    'BLOCK* NameSystem.delete: {blk} is added to invalidSet of {ip}:{port}',
    '{ip}:{port} Served block {blk} to /{ip}',
    '{ip}:{port}:Got exception while serving {blk} to /{ip}:',
    'Exception in receiveBlock for block {blk} java.io.IOException: Connection reset by peer',
  ],
  OpenSSH: [
    'Invalid user {user} from {ip}',
    'input_userauth_request: invalid user {user} [preauth]',
    'pam_unix(sshd:auth): check pass; user unknown',
    'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={ip}',
    'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost={ip}  user={user}',
    'Failed password for invalid user {user} from {ip} port {port} ssh2',
    'Failed password for {user} from {ip} port {port} ssh2',
    'Accepted password for {user} from {ip} port {port} ssh2',
    'Received disconnect from {ip}: 11: Bye Bye [preauth]',
    'Connection closed by {ip} [preauth]',
    'reverse mapping checking getaddrinfo for {host} [{ip}] failed - POSSIBLE BREAK-IN ATTEMPT!',
    'PAM {small} more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost={ip}  user={user}',
    'Disconnecting: Too many authentication failures for {user} [preauth]',
  ],
  Apache: [
    'jk2_init() Found child {int} in scoreboard slot {small}',
    'workerEnv.init() ok /etc/httpd/conf/workers2.properties',
    'mod_jk child workerEnv in error state {small}',
    '[client {ip}] Directory index forbidden by rule: {webpath}',
    "jk2_init() Can't find child {int} in scoreboard",
    'mod_jk child init {small} -{small}',
    'env.createBean2(): Factory error creating channel.jni:jni ( channel.jni, jni)',
    'config.update(): Can\'t create channel.jni:jni',
  ],
  Zookeeper: [
    'Received connection request /{ip}:{port}',
    'Interrupted while waiting for message on queue',
    'Connection broken for id {small}, my id = {small}, error =',
    'Send worker leaving thread',
    'Accepted socket connection from /{ip}:{port}',
    'Client attempting to establish new session at /{ip}:{port}',
    'Established session {hex} with negotiated timeout {int} for client /{ip}:{port}',
    'Processed session termination for sessionid: {hex}',
    'Closed socket connection for client /{ip}:{port} which had sessionid {hex}',
    'Notification time out: {int}',
  ],
  Linux: [
    'session opened for user {user} by (uid=0)',
    'session closed for user {user}',
    'authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost={host}',
    'authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost={host}  user={user}',
    'check pass; user unknown',
    'ALERT exited abnormally with [1]',
    'connection from {ip} ({host}) at {day} {month} {small} {clock} {year}',
    'Kerberos authentication failed',
    "couldn't add command channel {small}",
    'warning: can\'t get client address: Connection reset by peer',
  ],
  Lognest: [
    'User {usr} logged in',
    'User {usr} logged out',
    'Access token refreshed for {usr}',
    'New user {usr} registered for account {acct}',
    'Payment {payid} captured: {amount} USD',
    'Refund issued for payment {int}: {amount} USD',
    'Subscription of {acct} changed to plan {plan}',
    'Fetched profile of {usr}',
    'Listed {small} invoices for {acct}',
    'Order {ord} created with {small} items, total {amount} USD',
    'Order {ord} cancelled by {usr}',
    'Search "{term}" returned {int} results',
    'Login failed for {usr}: invalid password',
    'Forbidden: {usr} lacks permission payments:write',
    'Gateway timeout: payments did not answer within 5000ms',
    'Service unavailable: database connection pool exhausted (20/20 in use)',
  ],
};

/** `perSystem` lines of each system, events drawn with skewed weights (a few events dominate, as in real logs). */
export function labelledCorpus(perSystem = 2_000, seed = 7): LabelledLine[] {
  const rng = new Prng(seed);
  const lines: LabelledLine[] = [];
  for (const [system, templates] of Object.entries(CORPUS_TEMPLATES)) {
    const weights = templates.map((_, i) => 1 / (i + 1));
    const total = weights.reduce((a, b) => a + b, 0);
    for (let n = 0; n < perSystem; n++) {
      let pick = rng.next() * total;
      let i = 0;
      while (pick > weights[i] && i < templates.length - 1) pick -= weights[i++];
      const line = templates[i].replace(/\{(\w+)\}/g, (_, slot: string) => SLOTS[slot](rng));
      lines.push({ system, event: `${system}/${i}`, line });
    }
  }
  return lines;
}

/**
 * Grouping accuracy (Loghub's "parsing accuracy"): the share of lines whose predicted group
 * is exactly the set of lines of their true event.
 */
export function groupingAccuracy(lines: readonly LabelledLine[], predicted: readonly string[]): number {
  const truth = new Map<string, Set<number>>();
  const groups = new Map<string, Set<number>>();
  lines.forEach((l, i) => {
    const t = `${l.system}\u0000${l.event}`;
    const p = `${l.system}\u0000${predicted[i]}`;
    if (!truth.has(t)) truth.set(t, new Set());
    if (!groups.has(p)) groups.set(p, new Set());
    truth.get(t)!.add(i);
    groups.get(p)!.add(i);
  });
  let right = 0;
  lines.forEach((l, i) => {
    const t = truth.get(`${l.system}\u0000${l.event}`)!;
    const p = groups.get(`${l.system}\u0000${predicted[i]}`)!;
    if (t.size === p.size && [...t].every((x) => p.has(x))) right++;
  });
  return lines.length === 0 ? 1 : right / lines.length;
}
