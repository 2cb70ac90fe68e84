-- The W3C traceparent of the request that wrote the row: the relay sends asynchronously, so the trace of a listing's
-- POST continues from here to papers.listed (null for rows written outside a traced request).
alter table outbox_event add column trace_parent text;
