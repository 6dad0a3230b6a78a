import { LogReadStore } from '../../../logs/log-read-store';
import { parseQuery } from '../../../logs/query/query-parser';
import { KAFKA_FIELDS } from './kafka-message';

/**
 * Offsets of one partition, from `fromOffset` on, whose records are already stored: written
 * by a run that died before committing them to Kafka. The consumer skips them, so a record
 * redelivered after a crash is stored once. Offsets are committed after every durable chunk,
 * so this finds at most about one chunk per partition.
 */
export async function storedOffsets(store: LogReadStore, tenantId: string, topic: string, partition: number, fromOffset: string): Promise<Set<string>> {
  const query = parseQuery(
    `${KAFKA_FIELDS.topic}:${JSON.stringify(topic)} AND ${KAFKA_FIELDS.partition}:${partition} AND ${KAFKA_FIELDS.offset}:>=${fromOffset}`,
  );
  const offsets = new Set<string>();
  for await (const records of store.stream({ tenantId, query }, 'asc', 1000)) {
    for (const record of records) {
      const offset = record.fields[KAFKA_FIELDS.offset];
      if (offset !== undefined) offsets.add(String(offset));
    }
  }
  return offsets;
}
