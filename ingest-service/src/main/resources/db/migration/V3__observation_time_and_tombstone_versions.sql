-- Upvotes follow observation time: when the current count was observed (a listing's asOf, else when it was
-- received). Older captures posted later only join the history. Null: no listing has counted upvotes yet.
alter table paper add column upvotes_observed_at timestamptz;
update paper p set upvotes_observed_at = (select max(o.observed_at) from upvote_observation o where o.paper_id = p.id);

-- The version an outbox event carries; for a tombstone, the retired id's next version (sent as a header).
alter table outbox_event add column version bigint;

-- The outbox relay lease's heartbeat (the lease itself is an advisory lock). A new holder waits until the
-- previous holder's sends can no longer land (renewed_at + the takeover grace); null: released cleanly.
create table outbox_relay_lease (
    id         smallint primary key,
    renewed_at timestamptz
);
insert into outbox_relay_lease (id, renewed_at) values (1, null);
