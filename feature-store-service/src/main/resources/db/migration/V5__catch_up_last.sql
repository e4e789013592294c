-- When the latest catch-up was asked for. A run settles the catch-ups asked for before its snapshot: comparing
-- with the first request (catch_up_since) would also settle one asked for after the snapshot, whose rows the run
-- did not see.
ALTER TABLE materializations ADD COLUMN catch_up_last TIMESTAMPTZ;
UPDATE materializations SET catch_up_last = catch_up_since WHERE catch_up_since IS NOT NULL;
