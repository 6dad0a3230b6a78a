/**
 * Removes everything the metadata store keeps for one tenant: every table (collection) with
 * a tenant column, users and tokens included, and the tenant itself last. It finds them by
 * their column, not by a list, so a store added later is purged too (docs/decisions/0069).
 * Answers how many rows went from each table; purging an unknown tenant removes nothing.
 */
export abstract class TenantMetadataPurge {
  abstract purge(tenantId: string): Promise<Record<string, number>>;
}
