export const ROLES = ['admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * `login` tokens come from POST /api/auth/login; the others are API tokens a user creates.
 * A `metrics` token reads GET /metrics only (Prometheus' `authorization` credentials).
 */
export const TOKEN_SCOPES = ['login', 'ingest', 'read', 'admin', 'metrics'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface Tenant {
  id: string;
  name: string;
  createdAt: number;
}

export interface User {
  id: string;
  username: string;
  email: string | null;
  fullName: string | null;
  passwordHash: string;
  role: Role;
  tenantId: string;
  /**
   * Administers the installation: every tenant, their users and admins, installation-wide
   * settings. The role (`admin` …) applies within the user's own tenant only (docs/decisions/0012).
   */
  installationAdmin: boolean;
  disabled: boolean;
  createdAt: number;
  lastLogin: number | null;
}

export interface Token {
  id: string;
  tenantId: string;
  userId: string | null;
  name: string;
  scope: TokenScope;
  tokenHash: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
}

/** Who is calling: resolved from a session or a bearer token, passed to every service. */
export interface Principal {
  userId: string | null;
  username: string;
  tenantId: string;
  role: Role;
  /** An admin of the whole installation (see User); false for every token but login and admin ones. */
  installationAdmin: boolean;
  /** Set when the caller authenticated with a token; limits what it may do. */
  tokenScope: TokenScope | null;
  /** The token's id when the caller sent one (API rate limits count per token). */
  tokenId?: string;
}

export const DEFAULT_TENANT_ID = 'default';
