-- Data quality schema. Section 5 of the design document names rules, expectation suites, metrics, reports
-- and schedules but no tables; these hold them.

CREATE TABLE quality_rules (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name         VARCHAR(255) NOT NULL UNIQUE,
    description  TEXT,
    -- schema, custom (SQL predicate) or statistical
    rule_type    VARCHAR(50)  NOT NULL CHECK (rule_type IN ('schema', 'custom', 'statistical')),
    dataset      VARCHAR(255),
    definition   JSONB        NOT NULL,
    severity     VARCHAR(20)  NOT NULL DEFAULT 'error' CHECK (severity IN ('warning', 'error')),
    created_by   VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE expectation_suites (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name          VARCHAR(255) NOT NULL UNIQUE,
    description   TEXT,
    expectations  JSONB        NOT NULL,
    created_by    VARCHAR(255) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE validation_reports (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    dataset       VARCHAR(255) NOT NULL,
    suite_id      UUID REFERENCES expectation_suites (id) ON DELETE SET NULL,
    status        VARCHAR(20)  NOT NULL CHECK (status IN ('running', 'passed', 'failed', 'error')),
    success       BOOLEAN,
    statistics    JSONB,
    results       JSONB,
    requested_by  VARCHAR(255) NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ
);
CREATE INDEX validation_reports_by_dataset ON validation_reports (dataset, started_at);

CREATE TABLE validation_schedules (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    dataset      VARCHAR(255) NOT NULL,
    suite_id     UUID REFERENCES expectation_suites (id) ON DELETE CASCADE,
    cron         VARCHAR(100) NOT NULL,
    enabled      BOOLEAN      NOT NULL DEFAULT true,
    last_run_at  TIMESTAMPTZ,
    next_run_at  TIMESTAMPTZ,
    created_by   VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
