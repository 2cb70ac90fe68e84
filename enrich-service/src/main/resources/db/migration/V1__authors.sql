-- Authors with the number of distinct papers seen by them.
create table author (
    name_key varchar(300) primary key,
    name     varchar(300) not null,
    papers   integer      not null
);
create index author_by_papers on author (papers desc, name_key);

-- Which papers each author has been counted for: makes counting idempotent under redelivery.
create table author_paper (
    name_key varchar(300) not null,
    paper_id varchar(64)  not null,
    primary key (name_key, paper_id)
);
