-- What the JSON and Atom formats add to a paper; lists are JSON arrays of strings.
alter table paper add column authors_json      text not null default '[]';
alter table paper add column keywords_json     text not null default '[]';
alter table paper add column categories_json   text not null default '[]';
alter table paper add column affiliations_json text not null default '[]';
alter table paper add column code_url          text;
alter table paper add column project_url       text;

-- Normalized-title key (PaperIdentity.titleKey) -> the paper it names. A paper first seen without an
-- arXiv id (id = its title key) moves to its arXiv id when one arrives; the alias then points there,
-- so a later text listing of the same title updates the arXiv paper instead of creating a second one.
create table paper_alias (
    title_key  varchar(64) primary key,
    paper_id   varchar(64) not null references paper (id),
    created_at timestamptz not null
);
create index paper_alias_paper on paper_alias (paper_id);

-- A moved paper's old id is retired with a Kafka tombstone (null value): no payload, and the id it moved to.
alter table outbox_event alter column payload drop not null;
alter table outbox_event add column superseded_by varchar(64);
