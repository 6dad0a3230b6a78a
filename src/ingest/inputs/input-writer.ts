import { Injectable } from '@nestjs/common';
import { IngestJobOptions } from '../pipeline/ingest-job';
import { IngestResult, IngestService } from '../ingest.service';
import { ParseRuleSpec } from '../parsers/rules/parse-rule';
import { InputCounters, InputName } from './input-stats';

const EMPTY: IngestResult = { accepted: 0, rejected: 0, errors: [], ids: [] };

/** `invalid JSON: Unexpected token` → `invalid JSON`: the stable part is the counter's label. */
export function reasonLabel(reason: string): string {
  const colon = reason.indexOf(':');
  return colon === -1 ? reason : reason.slice(0, colon);
}

/**
 * What every network input writes through: its records as NDJSON lines into the same parse,
 * normalization and durable group commit as POST /api/logs/bulk, counted per input.
 * Throws WriterSaturatedError (nothing taken) when the writer is full.
 */
@Injectable()
export class InputWriter {
  private rules = new Map<InputName, ParseRuleSpec>();

  constructor(private readonly ingest: IngestService) {}

  /** The parsing rule each input's messages are read with (LOGNEST_INPUT_RULES). */
  useRules(rules: Map<InputName, ParseRuleSpec>): void {
    this.rules = rules;
  }

  async write(
    counters: InputCounters,
    tenantId: string,
    lines: string[],
    options: { keepIds?: boolean; job?: Partial<IngestJobOptions> } = {},
  ): Promise<IngestResult> {
    if (lines.length === 0) return EMPTY;
    const body = Buffer.from(lines.join('\n'), 'utf8');
    const messageRule = this.rules.get(counters.name);
    const job = messageRule ? { ...options.job, messageRule } : options.job;
    const result = await this.ingest.ingestBody(tenantId, body, 'ndjson', options.keepIds ?? false, { job, input: counters.name });
    counters.accepted += result.accepted;
    for (const error of result.errors) counters.reject(reasonLabel(error.reason), 1, error.reason);
    // Beyond the reported errors the reasons are not known, only the count.
    counters.reject('rejected', result.rejected - result.errors.length);
    return result;
  }
}
