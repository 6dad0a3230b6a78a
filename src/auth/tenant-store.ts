import { Tenant } from './auth-types';

/** Tenants. Names are unique. */
export abstract class TenantStore {
  abstract create(tenant: Tenant): Promise<void>;
  abstract get(id: string): Promise<Tenant | null>;
  abstract findByName(name: string): Promise<Tenant | null>;
  abstract list(): Promise<Tenant[]>;
}
