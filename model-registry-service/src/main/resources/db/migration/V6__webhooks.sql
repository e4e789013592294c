-- Webhooks: URLs subscribed to the registry's events, and the deliveries owed to them. A delivery row is written in
-- the transaction of the change it reports (the outbox pattern, as lineage_outbox), then sent, signed, and retried
-- with backoff by the outbox relay; the rows are the delivery history users read.
CREATE TABLE webhooks (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    url          TEXT          NOT NULL,
    events       TEXT[]        NOT NULL,
    -- Only this model's events when set; every model's when NULL.
    model_name   VARCHAR(255),
    -- The HMAC-SHA256 key deliveries are signed with. Kept as given: signing needs the key itself.
    secret       TEXT          NOT NULL,
    description  TEXT,
    created_by   VARCHAR(255)  NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id               BIGSERIAL PRIMARY KEY,
    webhook_id       UUID        NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id         UUID        NOT NULL,
    event_type       VARCHAR(64) NOT NULL,
    payload          JSONB       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts         INT         NOT NULL DEFAULT 0,
    -- 'infinity' once the relay gave up (after registry.webhooks.max-attempts).
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at     TIMESTAMPTZ,
    response_code    INT,
    last_error       TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);

-- Both outboxes are delivered by one relay, which records the receiver's status code on each attempt.
ALTER TABLE lineage_outbox ADD COLUMN response_code INT;
