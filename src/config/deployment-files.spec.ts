import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from './load-config';

// Docker does not run here: docker-compose.yml, the nginx config and the Dockerfile are kept
// right by reading them against what the app and the other files expect.
const ROOT = path.join(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Service = {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
  command?: string | string[];
  deploy?: { replicas?: number };
  restart?: string;
};
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;

/** `${NAME:-default}` → default, `${NAME:?message}` → a value, `${NAME}` → empty: as compose would with NAME unset (and set where required). */
function substitute(value: string): string {
  return value.replace(/\$\{([A-Z_]+)(?::?([-?])([^}]*))?\}/g, (_m, _name, op, rest) => (op === '-' ? rest : op === '?' ? 'a-session-secret-of-32-characters' : ''));
}
const lognestEnv = Object.fromEntries(Object.entries(services.lognest.environment ?? {}).map(([k, v]) => [k, substitute(String(v))]));

/** The env names loadConfig reads (the one place that reads process.env). */
const configNames = new Set([...read('src/config/load-config.ts').matchAll(/'((?:LOGNEST_|PORT|HOST)[A-Z_]*)'/g)].map((m) => m[1]));

describe('docker-compose.yml (the scale-out stack)', () => {
  it('runs Lognest twice behind nginx with Elasticsearch, Kibana and its saved objects, MongoDB, Redis, Kafka and Logstash', () => {
    for (const name of ['lognest', 'nginx', 'elasticsearch', 'kibana', 'kibana-setup', 'mongodb', 'redis', 'kafka', 'logstash']) expect(services[name]).toBeDefined();
    expect(services.lognest.build).toBe('.');
    expect(services.lognest.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.lognest.ports).toBeUndefined(); // only through nginx
    expect(services.nginx.ports).toEqual(['8000:8000']);
  });

  it('gives every long-running service a health check, and waits only on services that have one', () => {
    for (const [name, s] of Object.entries(services)) {
      if (name !== 'kibana-setup') expect({ name, healthcheck: Boolean(s.healthcheck) }).toEqual({ name, healthcheck: true });
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect(services[dep]).toBeDefined();
        if (condition === 'service_healthy') expect({ dep, healthcheck: Boolean(services[dep].healthcheck) }).toEqual({ dep, healthcheck: true });
      }
    }
    expect(services['kibana-setup'].restart).toBe('no');
  });

  it('sets only configuration the app reads, with values it accepts, pointing at the services of the stack', () => {
    for (const name of Object.keys(lognestEnv)) expect({ name, read: configNames.has(name) }).toEqual({ name, read: true });
    const config = loadConfig(lognestEnv);
    const host = (url: string) => new URL(url).host;
    expect(host(config.elasticsearchUrl as string)).toBe('elasticsearch:9200');
    expect(host(config.redisUrl as string)).toBe('redis:6379');
    expect(config.mongodbUrl).toMatch(/^mongodb:\/\/mongodb:27017\//);
    expect(config.kafkaBrokers).toEqual(['kafka:9092']);
    expect(String(services.kafka.environment?.KAFKA_ADVERTISED_LISTENERS)).toContain('kafka:9092');
    expect(config.trustProxyHops).toBe(1);
    // Replicas share the uploads waiting to be ingested, and must share the session secret.
    expect(services.lognest.volumes).toContain(`lognest-files:${config.filesDir}`);
    expect(String(services.lognest.environment?.LOGNEST_SESSION_SECRET)).toMatch(/^\$\{LOGNEST_SESSION_SECRET:\?/);
  });

  it('declares every named volume it mounts, and mounts files that exist', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const volume of s.volumes ?? []) {
        const source = volume.split(':')[0];
        if (source.startsWith('.')) expect({ name, source, exists: fs.existsSync(path.join(ROOT, source)) }).toEqual({ name, source, exists: true });
        else expect({ name, source, declared: source in compose.volumes }).toEqual({ name, source, declared: true });
      }
    }
  });

  it('imports the Kibana saved objects file, and points nginx and Logstash at Lognest', () => {
    const command = String(services['kibana-setup'].command);
    expect(command).toContain('/api/saved_objects/_import');
    const file = /file=@\/kibana\/(\S+)/.exec(command)?.[1] as string;
    expect(fs.existsSync(path.join(ROOT, 'kibana', file))).toBe(true);
    const nginx = read('nginx/lognest.conf');
    expect(nginx).toMatch(/server lognest:8000;/);
    expect(nginx).toMatch(/listen 8000;/);
    const pipeline = read('logstash/pipeline/lognest.conf');
    expect(pipeline).toContain('hosts => ["http://nginx:8000/es"]');
    expect(pipeline).toContain('"/uploads/');
    expect(services.logstash.volumes).toContain('./uploads:/uploads:ro');
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  it('builds in one stage and runs from a second, as a non-root user', () => {
    const stages = lines.filter((l) => l.startsWith('FROM '));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const last = lines.slice(lines.lastIndexOf(stages[stages.length - 1]));
    expect(last.some((l) => l.startsWith('COPY --from=build'))).toBe(true);
    const user = last.filter((l) => l.startsWith('USER ')).pop();
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER\s+(root|0)\b/);
    expect(last.some((l) => l.startsWith('HEALTHCHECK'))).toBe(true);
    expect(last.some((l) => l.includes('8000'))).toBe(true);
  });
});
