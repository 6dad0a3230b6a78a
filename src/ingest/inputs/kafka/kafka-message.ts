import { MAX_FRAME_BYTES, frameText } from '../listener/frame-reader';

export interface KafkaPosition {
  topic: string;
  partition: number;
  offset: string;
}

/** The fields every Kafka record carries: what deduplication after a crash looks up. */
export const KAFKA_FIELDS = { topic: 'kafka.topic', partition: 'kafka.partition', offset: 'kafka.offset' } as const;

/**
 * One Kafka message as the pipeline's NDJSON line: a JSON object gets its topic, partition
 * and offset (and the message time, which its own timestamp keys outrank) spliced in front;
 * anything else that is text becomes a plain-text record. An empty, binary or oversize
 * message is a poison message: rejected with a reason, and its offset committed all the same.
 */
export function kafkaLine(value: Buffer | null, at: KafkaPosition, timestampMs: string): { line: string } | { error: string; detail: string } {
  const where = `${at.topic}/${at.partition}@${at.offset}`;
  if (value === null || value.length === 0) return { error: 'empty message', detail: where };
  if (value.length > MAX_FRAME_BYTES) return { error: 'message too long', detail: `${where}: ${value.length} bytes, over ${MAX_FRAME_BYTES}` };
  const text = frameText(value);
  if ('error' in text) return { error: text.error, detail: where };
  const head =
    `{"${KAFKA_FIELDS.topic}":${JSON.stringify(at.topic)},"${KAFKA_FIELDS.partition}":${at.partition},` +
    `"${KAFKA_FIELDS.offset}":${JSON.stringify(at.offset)},"timestamp_ms":${Number(timestampMs) || 0}`;
  const trimmed = text.text.trim();
  if (trimmed.startsWith('{') && isJsonObject(trimmed)) {
    const rest = trimmed.slice(1).trimStart();
    return { line: rest.startsWith('}') ? head + rest : `${head},${rest}` };
  }
  return { line: `${head},"message":${JSON.stringify(text.text)}}` };
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
