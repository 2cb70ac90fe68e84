-- A row Kafka refuses for good (a record larger than the broker takes) is parked with the reason instead of being
-- sent again at every poll: the relay never loops on one row, and paperstream_outbox_parked shows it to an operator.
alter table outbox_event add column parked_at     timestamptz;
alter table outbox_event add column parked_reason text;
