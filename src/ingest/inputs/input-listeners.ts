import { Injectable, Logger } from '@nestjs/common';
import { TenantStore } from '../../auth/tenant-store';
import { AppConfig, ConfigError } from '../../config/app-config';
import { InputName, InputStats } from './input-stats';
import { InputWriter } from './input-writer';
import { ParseRulesService } from '../../parse-rules/parse-rules.service';
import { isNamedFormat } from '../../parse-rules/parse-rule-params';
import { ParseRuleSpec } from '../parsers/rules/parse-rule';
import { KafkaInput } from './kafka/kafka-input';
import { RecordBatcher } from './listener/record-batcher';
import { FrameDecoder, TcpListener } from './listener/tcp-listener';
import { UdpListener } from './listener/udp-listener';
import { decodeSyslog } from './syslog/syslog-decoder';
import { decodeJsonLine } from './tcp-json/json-line-decoder';

interface Listener {
  listen(host: string, port: number): Promise<string>;
  close(): Promise<void>;
}

/** The tenant LOGNEST_INPUTS_TENANT names (by name or id); a missing one stops the start. */
export async function resolveInputsTenant(tenants: TenantStore, nameOrId: string): Promise<string> {
  const tenant = (await tenants.findByName(nameOrId)) ?? (await tenants.get(nameOrId));
  if (!tenant) throw new ConfigError(`LOGNEST_INPUTS_TENANT=${JSON.stringify(nameOrId)}: no tenant has that name or id`);
  return tenant.id;
}

/** Starts the configured listeners (syslog UDP/TCP, JSON lines over TCP) and the Kafka consumer. */
@Injectable()
export class InputListeners {
  private readonly logger = new Logger('Inputs');
  private running: Listener[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly tenants: TenantStore,
    private readonly writer: InputWriter,
    private readonly stats: InputStats,
    private readonly kafka: KafkaInput,
    private readonly rules: ParseRulesService,
  ) {}

  /** LOGNEST_INPUT_RULES: a named format, else a rule the inputs tenant saved under that name; a missing one stops the start. */
  private async inputRules(tenantId: string): Promise<Map<InputName, ParseRuleSpec>> {
    const rules = new Map<InputName, ParseRuleSpec>();
    for (const [input, name] of this.config.inputRules) {
      if (isNamedFormat(name)) {
        rules.set(input, { format: name });
        continue;
      }
      const saved = await this.rules.resolve(tenantId, { saved: name }).catch(() => undefined);
      if (!saved) throw new ConfigError(`LOGNEST_INPUT_RULES: ${input}:${name} names neither a parsing format nor a rule saved in tenant ${this.config.inputsTenant}`);
      rules.set(input, saved);
      this.logger.log(`${input} messages are read with the parsing rule ${name}`);
    }
    return rules;
  }

  async start(): Promise<void> {
    const { syslogUdpPort, syslogTcpPort, tcpJsonPort } = this.config;
    const wanted: [InputName, number | null, (batcher: RecordBatcher, name: InputName) => Listener][] = [
      ['syslog-udp', syslogUdpPort, (b, n) => new UdpListener(this.stats.of(n), b, decodeSyslog)],
      ['syslog-tcp', syslogTcpPort, (b, n) => this.tcp(n, b, true, decodeSyslog)],
      ['tcp-json', tcpJsonPort, (b, n) => this.tcp(n, b, false, decodeJsonLine)],
    ];
    if (wanted.every(([, port]) => port === null) && this.config.kafkaBrokers.length === 0) return;
    const tenantId = await resolveInputsTenant(this.tenants, this.config.inputsTenant);
    this.writer.useRules(await this.inputRules(tenantId));
    for (const [name, port, create] of wanted) {
      if (port === null) continue;
      const listener = create(new RecordBatcher(this.writer, this.stats.of(name), tenantId), name);
      const address = await listener.listen(this.config.inputsHost, port);
      this.running.push(listener);
      this.logger.log(`${name} listening on ${address} (tenant ${this.config.inputsTenant})`);
    }
    if (this.config.kafkaBrokers.length > 0) {
      await this.kafka.start(tenantId);
      this.running.push({ listen: async () => '', close: () => this.kafka.stop() });
      this.logger.log(`kafka consuming ${this.config.kafkaTopics.join(', ')} (tenant ${this.config.inputsTenant})`);
    }
  }

  /** Before the writer goes: what the listeners hold is written first. */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = [];
    await Promise.all(running.map((l) => l.close()));
  }

  private tcp(name: InputName, batcher: RecordBatcher, octetCounting: boolean, decode: FrameDecoder): Listener {
    return new TcpListener(this.stats.of(name), batcher, octetCounting, decode);
  }
}
