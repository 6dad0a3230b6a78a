/** Typed in-process events between modules. */
export interface LogsIngested {
  type: 'logs.ingested';
  tenantId: string;
  count: number;
}

export interface LogsDeleted {
  type: 'logs.deleted';
  tenantId: string;
  count: number;
}

export type DomainEvent = LogsIngested | LogsDeleted;
