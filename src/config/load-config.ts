import { INPUT_NAMES, InputName } from '../ingest/inputs/input-stats';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDuration } from '../platform/duration';
import { AppConfig, ConfigError, TOKEN_INDEX_MODES, TokenIndexMode } from './app-config';
import { DEFAULT_RATE_LIMITS, parseRateLimits } from './rate-limit-config';

/** Seconds each `/api/metrics/*` endpoint's answers are cached, unless LOGNEST_CACHE_TTLS says otherwise. */
const ENDPOINT_CACHE_TTLS: AppConfig['endpointCacheTtls'] = { overview: 30, service: 60, system: 45, timeseries: 120, aggregate: 60 };

type Env = Record<string, string | undefined>;

/** Reads `.env` (if present) under the real environment, which wins. */
export function readEnv(cwd = process.cwd(), env: Env = process.env): Env {
  const file = path.join(cwd, '.env');
  if (!fs.existsSync(file)) return { ...env };
  const fromFile: Env = {};
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!m) continue;
    fromFile[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return { ...fromFile, ...env };
}

/** `*` alone, or origins as browsers send them: scheme, host and port, no path (`https://a.example:8443`). */
function corsOrigins(raw: string): readonly string[] | undefined {
  const items = raw.split(',').map((o) => o.trim()).filter(Boolean);
  if (items.length === 1 && items[0] === '*') return items;
  const origins = items.map((item) => {
    try {
      const u = new URL(item);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === item.replace(/\/$/, '') ? u.origin : null;
    } catch {
      return null;
    }
  });
  return origins.length > 0 && origins.every((o) => o !== null) ? (origins as string[]) : undefined;
}

export function loadConfig(env: Env = readEnv()): AppConfig {
  const problems: string[] = [];
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T | undefined): T => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = parse(raw.trim());
    if (value === undefined) {
      problems.push(`${name}=${JSON.stringify(raw)} is not valid`);
      return fallback;
    }
    return value;
  };
  const int = (min: number, max: number) => (raw: string) => {
    const n = Number(raw);
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  const str = (raw: string) => raw;
  const bool = (raw: string) =>
    /^(1|true|yes|on)$/i.test(raw) ? true : /^(0|false|no|off)$/i.test(raw) ? false : undefined;
  const url = (protocols: string[]) => (raw: string) => {
    try {
      return protocols.includes(new URL(raw).protocol) ? raw : undefined;
    } catch {
      return undefined;
    }
  };
  // A size DuckDB understands, at least 64 MB (below that a search over a day of logs spills).
  const memorySize = (raw: string, min = 64 * 2 ** 20) => {
    const m = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.exec(raw);
    if (!m) return undefined;
    const unit = m[2].toUpperCase();
    const factor = { KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 }[unit]!;
    return Number(m[1]) * factor >= min ? `${m[1]}${m[2]}` : undefined;
  };
  // `15s`, `2m`, `500ms` or bare seconds, within [min, max] milliseconds.
  const duration = (min: number, max: number) => (raw: string) => {
    const ms = parseDuration(raw);
    return ms !== null && ms >= min && ms <= max ? ms : undefined;
  };
  const level = (raw: string) =>
    (['debug', 'info', 'warn', 'error'] as const).find((l) => l === raw.toLowerCase());

  const dataDir = path.resolve(read('LOGNEST_DATA_DIR', './data', str));
  const config: AppConfig = {
    port: read('PORT', 8000, int(0, 65535)),
    host: read('HOST', '0.0.0.0', str),
    trustProxyHops: read('LOGNEST_TRUST_PROXY_HOPS', 0, int(0, 10)),
    dataDir,
    uploadsDir: path.resolve(read('LOGNEST_UPLOADS_DIR', './uploads', str)),
    filesDir: path.resolve(read('LOGNEST_FILES_DIR', path.join(dataDir, 'files'), str)),
    jobLockSeconds: read('LOGNEST_JOB_LOCK_SECONDS', 30, int(2, 3600)),
    adminPassword: read<string | null>('LOGNEST_ADMIN_PASSWORD', null, (raw) =>
      raw.length >= 8 ? raw : undefined,
    ),
    sessionSecret: read<string | null>('LOGNEST_SESSION_SECRET', null, (raw) =>
      raw.length >= 16 ? raw : undefined,
    ),
    openRegistration: read<boolean | null>('LOGNEST_OPEN_REGISTRATION', null, bool),
    cookieSecure: read('LOGNEST_COOKIE_SECURE', false, bool),
    loginFailuresPerUsername: read('LOGNEST_LOGIN_FAILURES_PER_USERNAME', 10, int(1, 100_000)),
    loginFailuresPerIp: read('LOGNEST_LOGIN_FAILURES_PER_IP', 50, int(1, 1_000_000)),
    loginFailureWindowSeconds: read('LOGNEST_LOGIN_FAILURE_WINDOW_SECONDS', 900, int(1, 86_400)),
    elasticsearchUrl: read<string | null>('LOGNEST_ELASTICSEARCH_URL', null, url(['http:', 'https:'])),
    // Elasticsearch's own rules for index names: lower case, no `\ / * ? " < > | , #` or space, not starting with - _ +.
    elasticsearchIndex: read('LOGNEST_ELASTICSEARCH_INDEX', 'lognest-logs', (raw) => (/^[a-z0-9][a-z0-9._-]{0,200}$/.test(raw) ? raw : undefined)),
    // Not WHATWG-parsed: a replica set URL lists several hosts (`mongodb://a:27017,b:27017/db`).
    elasticsearchRefreshOnWrite: read('LOGNEST_ELASTICSEARCH_REFRESH_ON_WRITE', false, bool),
    mongodbUrl: read<string | null>('LOGNEST_MONGODB_URL', null, (raw) => (/^mongodb(\+srv)?:\/\/[^\s/?#]+(\/[^\s?#]*)?(\?\S*)?$/.test(raw) ? raw : undefined)),
    redisUrl: read<string | null>('LOGNEST_REDIS_URL', null, url(['redis:', 'rediss:'])),
    kafkaBrokers: read('LOGNEST_KAFKA_BROKERS', [] as string[], (raw) => {
      const brokers = raw.split(',').map((b) => b.trim()).filter(Boolean);
      return brokers.every((b) => /^[^\s:]+:\d+$/.test(b)) ? brokers : undefined;
    }),
    kafkaTopics: read('LOGNEST_KAFKA_TOPICS', [] as string[], (raw) => {
      const topics = raw.split(',').map((t) => t.trim()).filter(Boolean);
      return topics.length > 0 && topics.every((t) => /^[A-Za-z0-9._-]{1,249}$/.test(t)) ? topics : undefined;
    }),
    kafkaGroup: read('LOGNEST_KAFKA_GROUP', 'lognest', (raw) => (/^[A-Za-z0-9._-]{1,249}$/.test(raw) ? raw : undefined)),
    inputsHost: read('LOGNEST_INPUTS_HOST', '127.0.0.1', str),
    inputsTenant: read('LOGNEST_INPUTS_TENANT', 'default', str),
    syslogUdpPort: read<number | null>('LOGNEST_SYSLOG_UDP_PORT', null, int(0, 65535)),
    syslogTcpPort: read<number | null>('LOGNEST_SYSLOG_TCP_PORT', null, int(0, 65535)),
    tcpJsonPort: read<number | null>('LOGNEST_TCP_JSON_PORT', null, int(0, 65535)),
    // `syslog-udp:logcat,kafka:nginx-json`: input name, colon, a named format or a saved rule's name.
    inputRules: read('LOGNEST_INPUT_RULES', [] as [InputName, string][], (raw) => {
      const pairs = raw.split(',').map((p) => p.trim()).filter(Boolean).map((p) => [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1).trim()]);
      const known = (name: string): name is InputName => (INPUT_NAMES as readonly string[]).includes(name) && name !== 'es-bulk' && name !== 'otlp';
      return pairs.every(([input, rule]) => known(input) && rule.length > 0 && rule.length <= 100) ? (pairs as [InputName, string][]) : undefined;
    }),
    ingestWorkers: read('LOGNEST_INGEST_WORKERS', Math.min(2, os.cpus().length), int(0, 16)),
    ingestQueueLimit: read('LOGNEST_INGEST_QUEUE_LIMIT', 200_000, int(1_000, 10_000_000)),
    maxUploadBytes: read('LOGNEST_MAX_UPLOAD_BYTES', 4 * 1024 ** 3, int(1024, Number.MAX_SAFE_INTEGER)),
    duckdbMemoryLimit: read('LOGNEST_DUCKDB_MEMORY_LIMIT', '512MB', (raw) => memorySize(raw)),
    duckdbCheckpointThreshold: read('LOGNEST_DUCKDB_CHECKPOINT_THRESHOLD', '64MB', (raw) => memorySize(raw, 2 ** 20)),
    duckdbReadConcurrency: read('LOGNEST_DUCKDB_READ_CONCURRENCY', 2, int(1, 16)),
    duckdbTokenIndex: read<TokenIndexMode>('LOGNEST_DUCKDB_TOKEN_INDEX', 'off', (raw) => TOKEN_INDEX_MODES.find((m) => m === raw)),
    liveMaxRate: read('LOGNEST_LIVE_MAX_RATE', 500, int(1, 100_000)),
    cacheTtlSeconds: read('LOGNEST_CACHE_TTL_SECONDS', 300, int(0, 86_400)),
    endpointCacheTtls: read('LOGNEST_CACHE_TTLS', ENDPOINT_CACHE_TTLS, (raw) => {
      const ttls: Record<string, number> = { ...ENDPOINT_CACHE_TTLS };
      for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
        const m = /^(\w+)\s*=\s*(\d{1,5})$/.exec(part);
        if (!m || !Object.prototype.hasOwnProperty.call(ENDPOINT_CACHE_TTLS, m[1])) return undefined;
        ttls[m[1]] = Number(m[2]);
      }
      return ttls as unknown as AppConfig['endpointCacheTtls'];
    }),
    watchIntervalMs: read('LOGNEST_WATCH_INTERVAL_MS', 1000, int(50, 60_000)),
    bcryptRounds: read('LOGNEST_BCRYPT_ROUNDS', 10, int(4, 15)),
    // Seconds, or with a unit: 90m, 12h, 7d; from a minute to a year.
    tokenTtlSeconds: read('LOGNEST_TOKEN_TTL', 86_400, (raw) => {
      const m = /^(\d+)\s*(s|m|h|d)?$/i.exec(raw);
      const seconds = m ? Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'] : NaN;
      return seconds >= 60 && seconds <= 366 * 86_400 ? seconds : undefined;
    }),
    logLevel: read('LOGNEST_LOG_LEVEL', 'info' as const, level),
    metricsPublic: read('LOGNEST_METRICS_PUBLIC', false, bool),
    corsOrigins: read<readonly string[]>('LOGNEST_CORS_ORIGINS', [], corsOrigins),
    rateLimits: read('LOGNEST_RATE_LIMITS', DEFAULT_RATE_LIMITS, parseRateLimits),
    alertDelayMs: read('LOGNEST_ALERT_DELAY', 15_000, duration(0, 3_600_000)),
    alertSendTimeoutMs: read('LOGNEST_ALERT_SEND_TIMEOUT', 5_000, duration(1_000, 60_000)),
    publicUrl: read('LOGNEST_PUBLIC_URL', '', url(['http:', 'https:'])).replace(/\/+$/, ''),
    smtpUrl: read<string | null>('LOGNEST_SMTP_URL', null, url(['smtp:', 'smtps:'])),
    smtpFrom: read('LOGNEST_SMTP_FROM', 'lognest@localhost', (raw) => (/^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(raw) ? raw : undefined)),
    webhookAllowedHosts: read('LOGNEST_WEBHOOK_ALLOWED_HOSTS', [] as string[], (raw) => {
      const hosts = raw.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
      return hosts.every((h) => /^(\*\.)?[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(h)) ? hosts : undefined;
    }),
  };
  if (config.publicUrl === '') (config as { publicUrl: string }).publicUrl = `http://localhost:${config.port}`;
  if (config.kafkaBrokers.length > 0 && config.kafkaTopics.length === 0) {
    problems.push('LOGNEST_KAFKA_TOPICS is required when LOGNEST_KAFKA_BROKERS is set');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}
