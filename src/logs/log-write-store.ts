import { LogRecord } from './log-record';

/**
 * Records serialized by the ingest pipeline: a file of JSON lines in the stored shape
 * (see stored-record.ts), all of one tenant.
 */
export interface SpooledBatch {
  tenantId: string;
  path: string;
  count: number;
}

/**
 * The write side of log storage. A resolved append is durable: the records survive a
 * crash of the process and are visible to every read. Callers group records; an adapter
 * must commit each call as one unit, never row by row. The batch's tenant wins over any
 * tenant written inside the records.
 */
export abstract class LogWriteStore {
  abstract appendSpooled(batches: SpooledBatch[]): Promise<void>;
  abstract append(tenantId: string, records: LogRecord[]): Promise<void>;
  /** Removes the records that came from one file; returns how many. */
  abstract deleteByFile(tenantId: string, fileId: string): Promise<number>;
}
