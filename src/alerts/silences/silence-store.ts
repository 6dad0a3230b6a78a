import { Silence } from './silence';

/** Silences of a tenant. */
export abstract class SilenceStore {
  abstract create(silence: Silence): Promise<void>;
  abstract get(tenantId: string, id: string): Promise<Silence | null>;
  /** Newest first; with `activeAt`, only those not ended by then. */
  abstract list(tenantId: string, activeAt?: number): Promise<Silence[]>;
  abstract delete(tenantId: string, id: string): Promise<boolean>;
}
