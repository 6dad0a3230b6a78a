import type { InputName } from '../ingest/inputs/input-stats';
// The one validated configuration. `loadConfig` is the only reader of process.env; every
// other class receives the typed slice it needs through injection.

import { RateLimitClass, RateLimitRule } from './rate-limit-config';

/** The DuckDB token index (docs/decisions/0130): `off` (blocks only, no filters, no lookups), `ids` (exact values of the id fields), `words` (those and message words). */
export type TokenIndexMode = 'off' | 'ids' | 'words';
export const TOKEN_INDEX_MODES: readonly TokenIndexMode[] = ['off', 'ids', 'words'];

export interface EndpointCacheTtls {
  overview: number;
  service: number;
  system: number;
  timeseries: number;
  aggregate: number;
}

export abstract class AppConfig {
  abstract readonly port: number;
  /** Express `trust proxy`: how many proxy hops in front whose X-Forwarded-For is believed (0: none). */
  abstract readonly trustProxyHops: number;
  abstract readonly host: string;
  abstract readonly dataDir: string;
  abstract readonly uploadsDir: string;
  /** Where uploaded files wait to be ingested; shared by every process in a scale-out deployment. */
  abstract readonly filesDir: string;
  /** bullmq (with Redis): how long a job's worker may go silent before another process takes the job over. */
  abstract readonly jobLockSeconds: number;
  abstract readonly adminPassword: string | null;
  abstract readonly sessionSecret: string | null;
  abstract readonly openRegistration: boolean | null;
  /** Session cookie only over https (set when served behind TLS). */
  abstract readonly cookieSecure: boolean;
  /** Failed logins allowed per username and per client IP within the window, then 429. */
  abstract readonly loginFailuresPerUsername: number;
  abstract readonly loginFailuresPerIp: number;
  abstract readonly loginFailureWindowSeconds: number;
  abstract readonly elasticsearchUrl: string | null;
  /** The prefix of the daily Elasticsearch indices (`<prefix>-YYYY.MM.DD`) and the alias over them. */
  abstract readonly elasticsearchIndex: string;
  /** Refresh the written indices before an ingest answers (read-your-writes); else visible within 1 s. */
  abstract readonly elasticsearchRefreshOnWrite: boolean;
  abstract readonly mongodbUrl: string | null;
  abstract readonly redisUrl: string | null;
  abstract readonly kafkaBrokers: string[];
  /** Topics the Kafka input consumes (with kafkaBrokers set, at least one). */
  abstract readonly kafkaTopics: string[];
  abstract readonly kafkaGroup: string;
  /** Address the unauthenticated listeners (syslog, TCP JSON lines) bind to. */
  abstract readonly inputsHost: string;
  /** Tenant (name or id) that listener and Kafka records are written into. */
  abstract readonly inputsTenant: string;
  /** Listener ports; null leaves the listener off, 0 picks a free port (tests). */
  abstract readonly syslogUdpPort: number | null;
  abstract readonly syslogTcpPort: number | null;
  abstract readonly tcpJsonPort: number | null;
  /** LOGNEST_INPUT_RULES: the parsing rule (named format or saved rule name) each input's messages are read with. */
  abstract readonly inputRules: [InputName, string][];
  /** Worker threads that parse and normalize ingest bodies; 0 parses on the main thread. */
  abstract readonly ingestWorkers: number;
  /** Records waiting for the writer above which ingest answers 503 with Retry-After. */
  abstract readonly ingestQueueLimit: number;
  abstract readonly maxUploadBytes: number;
  /** DuckDB's memory_limit for the log store, as DuckDB writes it ('512MB', '2GB'). */
  abstract readonly duckdbMemoryLimit: string;
  /** WAL size at which DuckDB checkpoints ('64MB'); larger gives fuller row groups (docs/decisions/0170). */
  abstract readonly duckdbCheckpointThreshold: string;
  /** Read queries DuckDB runs at once; more wait their turn (docs/decisions/0015). */
  abstract readonly duckdbReadConcurrency: number;
  /** What the DuckDB token index holds: nothing, exact ids, or ids and message words (docs/decisions/0130). */
  abstract readonly duckdbTokenIndex: TokenIndexMode;
  abstract readonly cacheTtlSeconds: number;
  /** Seconds the metrics API answers are cached, per endpoint (seed 002's table); 0 turns one off. */
  abstract readonly endpointCacheTtls: EndpointCacheTtls;
  /** Records per second a live subscriber may receive; the excess is reported as dropped. */
  abstract readonly liveMaxRate: number;
  abstract readonly watchIntervalMs: number;
  /** bcrypt cost; tests lower it. */
  abstract readonly bcryptRounds: number;
  /** Lifetime of a bearer token from POST /api/auth/login. */
  abstract readonly tokenTtlSeconds: number;
  abstract readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** GET /metrics without credentials (a Prometheus on a private network). */
  abstract readonly metricsPublic: boolean;
  /**
   * Origins (`https://app.example.com`) whose pages may call the API from the browser, with
   * credentials; `['*']`: any origin, without credentials; empty: CORS off (the default).
   */
  abstract readonly corsOrigins: readonly string[];
  /** API rate limits per endpoint class; null when LOGNEST_RATE_LIMITS=off. */
  abstract readonly rateLimits: Record<RateLimitClass, RateLimitRule> | null;
  /** Alert windows end this long before now, so records still in flight don't cause flapping. */
  abstract readonly alertDelayMs: number;
  /** One try of a webhook or Slack call (three per round), and the email timeouts' unit; sets the outbox lease. */
  abstract readonly alertSendTimeoutMs: number;
  /** Where links in notifications point (`http://localhost:PORT` when unset). */
  abstract readonly publicUrl: string;
  /** `smtp://user:pass@host:port` for email channels; null: email channels cannot be created. */
  abstract readonly smtpUrl: string | null;
  abstract readonly smtpFrom: string;
  /** Host names outbound webhooks may reach (`*.example.com` matches subdomains); empty: any but link-local. */
  abstract readonly webhookAllowedHosts: string[];
}

export class ConfigError extends Error {}
