// Append-only: each entry runs once, in order, and is recorded in schema_version.
export const SQLITE_MIGRATIONS: string[] = [
  `
  CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT,
    full_name TEXT,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_login INTEGER
  );
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    last_used_at INTEGER
  );
  CREATE INDEX tokens_tenant ON tokens(tenant_id, user_id);
  CREATE TABLE files (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    source TEXT NOT NULL,
    source_key TEXT,
    format TEXT NOT NULL,
    size INTEGER NOT NULL,
    status TEXT NOT NULL,
    lines_total INTEGER NOT NULL DEFAULT 0,
    bytes_processed INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    errors TEXT NOT NULL DEFAULT '[]',
    failure TEXT,
    options TEXT NOT NULL DEFAULT '{}',
    uploaded_by TEXT NOT NULL,
    upload_date INTEGER NOT NULL,
    completed_at INTEGER,
    description TEXT
  );
  CREATE INDEX files_tenant_date ON files(tenant_id, upload_date DESC);
  CREATE UNIQUE INDEX files_source_key ON files(source_key) WHERE source_key IS NOT NULL;
  `,
  `
  CREATE TABLE sessions (
    sid TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE saved_searches (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT,
    filters TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used INTEGER,
    use_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX saved_searches_owner ON saved_searches(tenant_id, user_id, created_at DESC);
  CREATE TABLE search_history (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    user_id TEXT NOT NULL,
    query TEXT NOT NULL,
    filters TEXT NOT NULL,
    total INTEGER NOT NULL,
    duration_ms REAL NOT NULL,
    searched_at INTEGER NOT NULL
  );
  CREATE INDEX search_history_owner ON search_history(tenant_id, user_id, searched_at DESC);
  CREATE INDEX search_history_query ON search_history(tenant_id, query);
  `,
  // Installation admins apart from tenant admins (docs/decisions/0012): the first admin of
  // tenant default (the one LOGNEST_ADMIN_PASSWORD or the first registration made) is one.
  `
  ALTER TABLE users ADD COLUMN installation_admin INTEGER NOT NULL DEFAULT 0;
  UPDATE users SET installation_admin = 1 WHERE id = (
    SELECT id FROM users WHERE role = 'admin' ORDER BY tenant_id <> 'default', created_at, id LIMIT 1);
  `,
  // Alerting (src/alerts/): rules, channels, evaluation state per rule and group (compare-and-set
  // on `version`), triggered alerts, their history, delivery attempts and silences.
  `
  CREATE TABLE alert_rules (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    owner_id TEXT,
    owner_name TEXT NOT NULL,
    definition TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    times_fired INTEGER NOT NULL DEFAULT 0,
    last_fired_at INTEGER
  );
  CREATE INDEX alert_rules_tenant ON alert_rules(tenant_id, created_at);
  CREATE TABLE alert_channels (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    owner_id TEXT,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    config TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX alert_channels_tenant ON alert_channels(tenant_id, name);
  CREATE TABLE alert_states (
    tenant_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    group_key TEXT NOT NULL,
    data TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, rule_id, group_key)
  );
  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    state TEXT NOT NULL,
    severity TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX alerts_tenant ON alerts(tenant_id, started_at DESC);
  CREATE INDEX alerts_rule ON alerts(tenant_id, rule_id, started_at DESC);
  CREATE TABLE alert_events (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    alert_id TEXT,
    at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX alert_events_rule ON alert_events(tenant_id, rule_id, at DESC);
  CREATE INDEX alert_events_tenant ON alert_events(tenant_id, at DESC);
  CREATE TABLE alert_deliveries (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    alert_id TEXT,
    at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX alert_deliveries_alert ON alert_deliveries(tenant_id, alert_id, at);
  CREATE TABLE alert_silences (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX alert_silences_tenant ON alert_silences(tenant_id, ends_at);
  `,
  // Alert notifications stored before they are sent (src/alerts/outbox/): claimed with a lease
  // per send round, retried with backoff, kept once settled.
  `
  CREATE TABLE alert_outbox (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    alert_id TEXT,
    status TEXT NOT NULL,
    rounds INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    lease_until INTEGER,
    lease_token TEXT,
    created_at INTEGER NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX alert_outbox_due ON alert_outbox(tenant_id, status, next_attempt_at);
  CREATE INDEX alert_outbox_alert ON alert_outbox(tenant_id, alert_id, created_at);
  `,
  // Custom dashboards (src/dashboards/): no foreign key on the owner, so a shared dashboard
  // outlives the account that made it (docs/decisions/0065).
  `
  CREATE TABLE dashboards (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    owner_name TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    shared INTEGER NOT NULL,
    time_range TEXT NOT NULL,
    refresh_seconds INTEGER,
    widgets TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX dashboards_tenant ON dashboards(tenant_id, updated_at DESC);
  `,
  // Log patterns mined at ingest (src/patterns/, docs/decisions/0060).
  `
  CREATE TABLE log_patterns (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    service TEXT,
    template TEXT NOT NULL,
    sample TEXT NOT NULL,
    count INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
  );
  `,
  // Saved parsing rules of text logs (src/parse-rules/) and uploads' content hashes (issue 13).
  `
  CREATE TABLE parse_rules (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    name TEXT NOT NULL,
    service TEXT,
    description TEXT,
    spec TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (tenant_id, name)
  );
  CREATE INDEX parse_rules_service ON parse_rules(tenant_id, service, updated_at DESC);
  ALTER TABLE files ADD COLUMN content_hash TEXT;
  CREATE INDEX files_content_hash ON files(tenant_id, content_hash);
  `,
  // Pattern templates published by compare-and-set on a revision per tenant and service (docs/decisions/0135).
  `
  ALTER TABLE log_patterns ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX log_patterns_revision ON log_patterns(tenant_id, service, revision);
  CREATE TABLE log_pattern_revisions (
    tenant_id TEXT NOT NULL,
    service_key TEXT NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, service_key)
  );
  `,
  // The owner index ends with id, as the history's newest-first order does: without it each
  // search's trim of the user's history to its bound sorted all 1,000 entries (~1 ms; 0.13 ms).
  `
  DROP INDEX search_history_owner;
  CREATE INDEX search_history_owner ON search_history(tenant_id, user_id, searched_at DESC, id DESC);
  `,
];
