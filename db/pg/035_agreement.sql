-- laifang schema 35 on PostgreSQL: the agreement's parties and mediator (db/035_agreement.sql).
ALTER TABLE case_event ADD COLUMN agreement_parties text;
ALTER TABLE case_event ADD COLUMN agreement_mediator text;
