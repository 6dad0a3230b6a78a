import { LogRecord } from './log-record';

/**
 * Records serialized by the ingest pipeline: a file of JSON lines in the stored shape
 * (see stored-record.ts), all of one tenant.
 */
export interface SpooledBatch {
  tenantId: string;
  path: string;
  count: number;
  /** The earliest record timestamp (ms) in the file, when the producer knows it. */
  oldestTimestamp?: number;
}

/**
 * The write side of log storage. A resolved append is durable: the records survive a
 * crash of the process and are visible to every read. Callers group records; an adapter
 * must commit each call as one unit, never row by row. The batch's tenant wins over any
 * tenant written inside the records.
 */
/** What one tenant keeps in the log store: records, the oldest one's time, and its share of the disk. */
export interface TenantUsage {
  records: number;
  oldest: number | null;
  /** Estimated from the store's size and the tenant's share of the records. */
  bytes: number;
}

export abstract class LogWriteStore {
  abstract appendSpooled(batches: SpooledBatch[]): Promise<void>;
  abstract append(tenantId: string, records: LogRecord[]): Promise<void>;
  /** Removes the records that came from one file; returns how many. */
  abstract deleteByFile(tenantId: string, fileId: string): Promise<number>;
  /** Retention: removes a tenant's records older than `before` (ms) and frees their space; returns how many. */
  abstract deleteOlderThan(tenantId: string, before: number): Promise<number>;
  /** A deleted tenant: removes all its records and frees their space; returns how many. */
  abstract deleteTenant(tenantId: string): Promise<number>;
  abstract usage(tenantId: string): Promise<TenantUsage>;
}
