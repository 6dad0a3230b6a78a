import { ConfigError } from './app-config';
import { loadConfig } from './load-config';

describe('loadConfig', () => {
  it('uses the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8000);
    expect(config.trustProxyHops).toBe(0);
    expect(config.dataDir).toMatch(/data$/);
    expect(config.uploadsDir).toMatch(/uploads$/);
    expect(config.adminPassword).toBeNull();
    expect(config.elasticsearchUrl).toBeNull();
    expect(config.kafkaBrokers).toEqual([]);
  });

  it('reads typed values', () => {
    const config = loadConfig({
      PORT: '9100',
      LOGNEST_ADMIN_PASSWORD: 'longenough',
      LOGNEST_REDIS_URL: 'redis://127.0.0.1:6379',
      LOGNEST_OPEN_REGISTRATION: 'false',
    });
    expect(config.port).toBe(9100);
    expect(config.adminPassword).toBe('longenough');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.openRegistration).toBe(false);
  });

  it('reads the session and login-throttle settings, with safe defaults', () => {
    expect(loadConfig({})).toMatchObject({ cookieSecure: false, loginFailuresPerUsername: 10, loginFailuresPerIp: 50, loginFailureWindowSeconds: 900 });
    const config = loadConfig({ LOGNEST_COOKIE_SECURE: 'true', LOGNEST_LOGIN_FAILURES_PER_IP: '5', LOGNEST_SESSION_SECRET: 'x'.repeat(32) });
    expect(config).toMatchObject({ cookieSecure: true, loginFailuresPerIp: 5, sessionSecret: 'x'.repeat(32) });
    expect(() => loadConfig({ LOGNEST_LOGIN_FAILURES_PER_USERNAME: '0' })).toThrow(/LOGNEST_LOGIN_FAILURES_PER_USERNAME/);
  });

  it('reads the parsing rule of each network input, refusing unknown inputs', () => {
    expect(loadConfig({}).inputRules).toEqual([]);
    expect(loadConfig({ LOGNEST_INPUT_RULES: 'syslog-udp:logcat, kafka:my nginx rule' }).inputRules).toEqual([['syslog-udp', 'logcat'], ['kafka', 'my nginx rule']]);
    for (const value of ['otlp:logcat', 'ftp:logcat', 'kafka:', 'logcat']) expect(() => loadConfig({ LOGNEST_INPUT_RULES: value })).toThrow(/LOGNEST_INPUT_RULES/);
  });

  it('reads the alerting settings, refusing bad values by name', () => {
    expect(loadConfig({})).toMatchObject({ alertDelayMs: 15_000, publicUrl: 'http://localhost:8000', smtpUrl: null, smtpFrom: 'lognest@localhost', webhookAllowedHosts: [] });
    expect(loadConfig({
      LOGNEST_ALERT_DELAY: '30s', LOGNEST_PUBLIC_URL: 'https://logs.example.com/', LOGNEST_SMTP_URL: 'smtp://u:p@127.0.0.1:2525',
      LOGNEST_SMTP_FROM: 'Lognest <alerts@example.com>', LOGNEST_WEBHOOK_ALLOWED_HOSTS: 'hooks.slack.com, *.example.com',
    })).toMatchObject({
      alertDelayMs: 30_000, publicUrl: 'https://logs.example.com', smtpUrl: 'smtp://u:p@127.0.0.1:2525', smtpFrom: 'Lognest <alerts@example.com>',
      webhookAllowedHosts: ['hooks.slack.com', '*.example.com'],
    });
    for (const [name, value] of [['LOGNEST_ALERT_DELAY', 'soon'], ['LOGNEST_SMTP_URL', 'http://x'], ['LOGNEST_SMTP_FROM', 'nobody'], ['LOGNEST_WEBHOOK_ALLOWED_HOSTS', 'a b'], ['LOGNEST_PUBLIC_URL', 'ftp://x']]) {
      expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
    }
  });

  it('reads the DuckDB memory limit, 512MB by default, refusing what DuckDB would not take or too little', () => {
    expect(loadConfig({}).duckdbMemoryLimit).toBe('512MB');
    expect(loadConfig({ LOGNEST_DUCKDB_MEMORY_LIMIT: '2GB' }).duckdbMemoryLimit).toBe('2GB');
    expect(loadConfig({ LOGNEST_DUCKDB_MEMORY_LIMIT: '1.5 GiB' }).duckdbMemoryLimit).toBe('1.5GiB');
    for (const bad of ['lots', '512', '10MB', '-1GB', '1 GB; SET x']) {
      expect(() => loadConfig({ LOGNEST_DUCKDB_MEMORY_LIMIT: bad })).toThrow(/LOGNEST_DUCKDB_MEMORY_LIMIT/);
    }
  });

  it('reads the DuckDB checkpoint threshold, 64MB by default, at least 1MB', () => {
    expect(loadConfig({}).duckdbCheckpointThreshold).toBe('64MB');
    expect(loadConfig({ LOGNEST_DUCKDB_CHECKPOINT_THRESHOLD: '16MB' }).duckdbCheckpointThreshold).toBe('16MB');
    for (const bad of ['big', '64', '100KB', '1 GB; SET x']) {
      expect(() => loadConfig({ LOGNEST_DUCKDB_CHECKPOINT_THRESHOLD: bad })).toThrow(/LOGNEST_DUCKDB_CHECKPOINT_THRESHOLD/);
    }
  });

  it('reads the operations settings: token lifetime, rate limits, endpoint cache TTLs, public metrics', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({ tokenTtlSeconds: 86_400, metricsPublic: false, endpointCacheTtls: { overview: 30, service: 60, system: 45, timeseries: 120, aggregate: 60 } });
    expect(defaults.rateLimits?.search).toEqual({ limit: 50, windowSeconds: 60 });
    expect(loadConfig({ LOGNEST_TOKEN_TTL: '90m' }).tokenTtlSeconds).toBe(5400);
    expect(loadConfig({ LOGNEST_TOKEN_TTL: '3600' }).tokenTtlSeconds).toBe(3600);
    expect(loadConfig({ LOGNEST_RATE_LIMITS: 'off' }).rateLimits).toBeNull();
    expect(loadConfig({ LOGNEST_CACHE_TTLS: 'overview=0' }).endpointCacheTtls.overview).toBe(0);
    expect(loadConfig({ LOGNEST_CACHE_TTLS: 'aggregate=5, timeseries=0' }).endpointCacheTtls).toMatchObject({ aggregate: 5, timeseries: 0, overview: 30 });
    for (const [name, bad] of [['LOGNEST_TOKEN_TTL', '10s'], ['LOGNEST_TOKEN_TTL', '2y'], ['LOGNEST_RATE_LIMITS', 'search=5'], ['LOGNEST_CACHE_TTLS', 'other=5'], ['LOGNEST_CACHE_TTLS', 'constructor=5'], ['LOGNEST_METRICS_PUBLIC', 'maybe']]) {
      expect(() => loadConfig({ [name]: bad })).toThrow(new RegExp(name));
    }
  });

  it('reads the CORS origins: none by default, * alone, or origins without a path', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ LOGNEST_CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(loadConfig({ LOGNEST_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/' }).corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    for (const bad of ['*, https://a.example', 'app.example.com', 'https://a.example/path', 'ftp://a.example', 'https://a.example,nonsense']) {
      expect(() => loadConfig({ LOGNEST_CORS_ORIGINS: bad })).toThrow(/LOGNEST_CORS_ORIGINS/);
    }
  });

  it('reads the DuckDB read concurrency, 2 by default, from 1 to 16', () => {
    expect(loadConfig({}).duckdbReadConcurrency).toBe(2);
    expect(loadConfig({ LOGNEST_DUCKDB_READ_CONCURRENCY: '4' }).duckdbReadConcurrency).toBe(4);
    for (const bad of ['0', '17', 'two', '1.5']) {
      expect(() => loadConfig({ LOGNEST_DUCKDB_READ_CONCURRENCY: bad })).toThrow(/LOGNEST_DUCKDB_READ_CONCURRENCY/);
    }
  });

  it('reads what the DuckDB token index holds, off by default', () => {
    expect(loadConfig({}).duckdbTokenIndex).toBe('off');
    expect(loadConfig({ LOGNEST_DUCKDB_TOKEN_INDEX: 'words' }).duckdbTokenIndex).toBe('words');
    for (const bad of ['on', 'IDS']) {
      expect(() => loadConfig({ LOGNEST_DUCKDB_TOKEN_INDEX: bad })).toThrow(/LOGNEST_DUCKDB_TOKEN_INDEX/);
    }
  });

  it('stops with a message naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOGNEST_REDIS_URL: 'http://x', LOGNEST_ADMIN_PASSWORD: 'short' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', LOGNEST_REDIS_URL: 'http://x' });
    } catch (err) {
      expect(String(err)).toContain('PORT="eighty"');
      expect(String(err)).toContain('LOGNEST_REDIS_URL');
    }
  });

  it('reads the input listeners, off unless a port is given', () => {
    const off = loadConfig({});
    expect([off.syslogUdpPort, off.syslogTcpPort, off.tcpJsonPort]).toEqual([null, null, null]);
    expect(off.inputsHost).toBe('127.0.0.1');
    expect(off.inputsTenant).toBe('default');
    const on = loadConfig({ LOGNEST_SYSLOG_UDP_PORT: '5514', LOGNEST_SYSLOG_TCP_PORT: '0', LOGNEST_TCP_JSON_PORT: '5000', LOGNEST_INPUTS_TENANT: 'ops' });
    expect([on.syslogUdpPort, on.syslogTcpPort, on.tcpJsonPort, on.inputsTenant]).toEqual([5514, 0, 5000, 'ops']);
    expect(() => loadConfig({ LOGNEST_SYSLOG_TCP_PORT: '70000' })).toThrow(/LOGNEST_SYSLOG_TCP_PORT/);
    expect(() => loadConfig({ LOGNEST_TCP_JSON_PORT: 'x' })).toThrow(/LOGNEST_TCP_JSON_PORT/);
  });

  it('validates the scale-out variables, naming them', () => {
    expect(() => loadConfig({ LOGNEST_KAFKA_BROKERS: 'a:9092' })).toThrow(/LOGNEST_KAFKA_TOPICS is required/);
    expect(() => loadConfig({ LOGNEST_KAFKA_BROKERS: 'a', LOGNEST_KAFKA_TOPICS: 'logs' })).toThrow(/LOGNEST_KAFKA_BROKERS/);
    expect(() => loadConfig({ LOGNEST_KAFKA_BROKERS: 'a:9092', LOGNEST_KAFKA_TOPICS: 'bad topic' })).toThrow(/LOGNEST_KAFKA_TOPICS/);
    expect(loadConfig({ LOGNEST_KAFKA_BROKERS: 'a:9092, b:9092', LOGNEST_KAFKA_TOPICS: 'logs,audit', LOGNEST_KAFKA_GROUP: 'g1' })).toMatchObject({
      kafkaBrokers: ['a:9092', 'b:9092'], kafkaTopics: ['logs', 'audit'], kafkaGroup: 'g1',
    });
    expect(loadConfig({ LOGNEST_MONGODB_URL: 'mongodb://127.0.0.1:27017/lognest' }).mongodbUrl).toBe('mongodb://127.0.0.1:27017/lognest');
    expect(() => loadConfig({ LOGNEST_MONGODB_URL: 'http://127.0.0.1:27017' })).toThrow(/LOGNEST_MONGODB_URL/);
    const replicaSet = 'mongodb://user:pw@m1:27017,m2:27017/lognest?replicaSet=rs0';
    expect(loadConfig({ LOGNEST_MONGODB_URL: replicaSet }).mongodbUrl).toBe(replicaSet);
    expect(loadConfig({ LOGNEST_ELASTICSEARCH_URL: 'http://127.0.0.1:9200' }).elasticsearchUrl).toBe('http://127.0.0.1:9200');
    expect(loadConfig({}).elasticsearchRefreshOnWrite).toBe(false);
    expect(loadConfig({ LOGNEST_ELASTICSEARCH_REFRESH_ON_WRITE: 'true' }).elasticsearchRefreshOnWrite).toBe(true);
  });
});
