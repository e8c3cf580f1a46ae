-- laifang schema 35: the agreement of a mediation (调解协议书) or a
-- settlement (和解协议书), 《信访工作条例》第三十三条 (docs/agreement.md).
-- A "mediate" event carries the kind as its reason (mediation,
-- settlement) and the agreed terms as its text; these columns hold the
-- parties (one a line) and, for a mediation, the mediator who signed.
-- ADD COLUMN with no default, as 032 did, so rows sealed before keep their
-- digests (seal_rows.c); case_event's archive lock (db/011) covers them.
ALTER TABLE case_event ADD COLUMN agreement_parties TEXT;
ALTER TABLE case_event ADD COLUMN agreement_mediator TEXT;
