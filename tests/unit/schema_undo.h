/* Undo laifang's migrations down to an older schema, for the tests that open
 * a database an older laifang made (test_seal: schema 7; test_identity:
 * schema 11). One entry per migration that changed the schema after 007: a
 * new migration adds the SQL that takes it back here, and every such test
 * follows. Undone newest first. */
#ifndef LAIFANG_TEST_SCHEMA_UNDO_H
#define LAIFANG_TEST_SCHEMA_UNDO_H

#include <sqlite3.h>
#include <stdio.h>

static const char *const schema_undo[] = {
	[8] = "ALTER TABLE audit_log DROP COLUMN rows; DROP TABLE audit_seal;",
	[9] = "DROP TABLE login_guard; DROP TABLE login_attempt;",
	[10] = "DROP INDEX case_file_receptionist; DROP INDEX case_event_user;",
	[11] = "DROP TRIGGER case_file_archived_update; DROP TRIGGER case_file_archived_delete; "
	       "DROP TRIGGER case_event_archived_insert; DROP TRIGGER case_event_archived_update; "
	       "DROP TRIGGER case_event_archived_delete; DROP TRIGGER case_entry_archived_insert; "
	       "DROP TRIGGER case_entry_archived_update; DROP TRIGGER case_entry_archived_delete; "
	       "DROP TRIGGER case_visitor_archived_insert; DROP TRIGGER case_visitor_archived_update; "
	       "DROP TRIGGER case_visitor_archived_delete;",
	[12] = "ALTER TABLE visitor DROP COLUMN doc_type; ALTER TABLE visitor DROP COLUMN doc_number; "
	       "ALTER TABLE case_visitor DROP COLUMN doc_type; ALTER TABLE case_visitor DROP COLUMN doc_number; "
	       "ALTER TABLE case_visitor DROP COLUMN doc_note;",
	[13] = "ALTER TABLE case_event DROP COLUMN field; ALTER TABLE case_event DROP COLUMN old_value; "
	       "ALTER TABLE case_event DROP COLUMN new_value;",
	/* 014 made case_entry again (with 011's triggers): its columns go */
	[14] = "ALTER TABLE reception_log DROP COLUMN version; ALTER TABLE reception_log DROP COLUMN saved_by; "
	       "ALTER TABLE case_entry DROP COLUMN refers;",
	[15] = "DROP TABLE case_clock;",
	/* 017: its triggers and index go with the tables */
	[17] = "DROP TABLE case_agency_answer; DROP TABLE case_unit; "
	       "DROP TRIGGER reception_log_case_archived_insert; DROP TRIGGER reception_log_case_archived_update; "
	       "DROP TRIGGER reception_log_case_archived_delete;",
	[18] = "ALTER TABLE schedule_publication DROP COLUMN approver_id; "
	       "ALTER TABLE schedule_publication DROP COLUMN approver_name; "
	       "ALTER TABLE schedule_publication DROP COLUMN exceptions; "
	       "ALTER TABLE schedule_publication DROP COLUMN stale_at; "
	       "ALTER TABLE case_event DROP COLUMN satisfaction_stance;",
	[19] = "DROP INDEX audit_log_day; CREATE INDEX audit_log_at ON audit_log (at);",
	/* 020: its triggers go with the table */
	[20] = "DROP TABLE case_query_code;",
	/* 021: the notices' document numbers (its triggers go with the table) */
	[21] = "DROP TABLE case_notice; DROP TABLE doc_number_counter;",
	/* 022: the statistics' counters (the index goes with its table) */
	[22] = "DROP TABLE stats_count; DROP TABLE stats_case; DROP TABLE stats_visitor;",
	/* 023: the visitor's further phone numbers */
	[23] = "ALTER TABLE visitor DROP COLUMN phone_more; ALTER TABLE case_visitor DROP COLUMN phone_more;",
	/* 024: channels (the CHECK narrowed back as 024 widened it), category, anonymous */
	[24] = "DELETE FROM stats_count WHERE dim IN ('kind', 'anonymous'); ALTER TABLE stats_case DROP COLUMN case_kind; "
	       "ALTER TABLE stats_case DROP COLUMN anonymous; "
	       "DROP TABLE case_intake; ALTER TABLE case_file DROP COLUMN anonymous; "
	       "ALTER TABLE case_file DROP COLUMN kind; PRAGMA writable_schema = ON; "
	       "UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (channel IN (''visit'', ''letter'', ''online'', "
	       "''phone'', ''fax''))', 'CHECK (channel IN (''visit'', ''letter'', ''online''))') "
	       "WHERE type = 'table' AND name = 'case_file'; PRAGMA writable_schema = RESET;",
	/* 025: a leader's 分管工作, the publication's confidentiality review */
	[25] = "ALTER TABLE app_user DROP COLUMN portfolio; ALTER TABLE schedule_publication DROP COLUMN approved_at; "
	       "ALTER TABLE schedule_publication DROP COLUMN draft_sha256;",
	/* 026: exchange between offices (the triggers and indexes go with the tables) */
	[26] = "DROP TABLE exchange_document; DROP TABLE exchange_package; DROP TABLE exchange_peer;",
	/* 031: the annual report: the index of acts by kind and day, the suggestions */
	[31] = "DROP INDEX case_event_kind_at; DROP TABLE suggestion;",
	/* 029: saved views (the index goes with the table) */
	[29] = "DROP TABLE saved_view;",
	/* 027: deliveries of notices (送达; the triggers go with the table) */
	[27] = "DROP TABLE case_delivery;",
	/* 028: the petitioner's evaluation (its triggers go with the table) */
	[28] = "DROP TABLE case_evaluation; DROP INDEX case_file_evaluation_due; "
	       "ALTER TABLE case_file DROP COLUMN evaluation_due; DELETE FROM stats_count WHERE dim = 'eval'; "
	       "ALTER TABLE stats_case DROP COLUMN evals;",
	/* 032: the written answer's parts, with the reply */
	[32] = "ALTER TABLE case_event DROP COLUMN answer_opinion; ALTER TABLE case_event DROP COLUMN answer_facts; "
	       "ALTER TABLE case_event DROP COLUMN answer_basis;",
	/* 035: the agreement's parties and mediator (第三十三条), with the mediate event */
	[35] = "ALTER TABLE case_event DROP COLUMN agreement_parties; "
	       "ALTER TABLE case_event DROP COLUMN agreement_mediator;",
	/* 036: the unit kind 'law' (政法机关), the CHECK narrowed back as 036 widened it */
	[36] = "PRAGMA writable_schema = ON; "
	       "UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (kind IN (''department'', ''peer'', ''lower'', "
	       "''discipline'', ''law''))', 'CHECK (kind IN (''department'', ''peer'', ''lower'', ''discipline''))') "
	       "WHERE type = 'table' AND name = 'unit'; "
	       "UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (kind IN (''transfer'', ''assign'', ''accepted'', "
	       "''returned'', ''result'', ''review''))', 'CHECK (kind IN (''transfer'', ''assign'', ''accepted'', "
	       "''returned'', ''result''))') WHERE type = 'table' AND name = 'exchange_package'; "
	       "PRAGMA writable_schema = RESET;",
	/* 037: the audit log's stored link, each entry's copy of the hash before it */
	[37] = "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''; "
	       "UPDATE audit_log SET prev_hash = CASE WHEN seq = 1 THEN "
	       "'0000000000000000000000000000000000000000000000000000000000000000' ELSE coalesce((SELECT p.hash "
	       "FROM audit_log p WHERE p.seq = audit_log.seq - 1), '') END;",
	/* 038: the rows packed (a blob) back to their JSON text */
	[38] = "ALTER TABLE audit_log ADD COLUMN text_rows TEXT; "
	       "UPDATE audit_log SET text_rows = laifang_rows_json(rows); "
	       "ALTER TABLE audit_log DROP COLUMN rows; "
	       "ALTER TABLE audit_log RENAME COLUMN text_rows TO rows;",
	[39] = NULL, /* nothing on SQLite (PostgreSQL: the search terms weighted) */
	[40] = "DROP INDEX case_file_leader; CREATE INDEX case_file_leader ON case_file (instruction_leader_id, "
	       "sort_key) WHERE instruction_leader_id IS NOT NULL;",
	[41] = "ALTER TABLE stats_case DROP COLUMN open_due; DELETE FROM stats_count WHERE dim = 'open_due';",
};
#define SCHEMA_UNDO_MAX ((int)(sizeof schema_undo / sizeof schema_undo[0]) - 1)

/* Take the open database back to schema `to`: SQLITE_OK, or the failing
 * step's code (its message on stderr). */
int store_rows_register(sqlite3 *db); /* laifang_rows_json (src/store/sqlite/rows_fn.c) */
static inline int schema_undo_to(sqlite3 *db, int to)
{
	if (store_rows_register(db) != SQLITE_OK)
		return SQLITE_ERROR;
	for (int v = SCHEMA_UNDO_MAX; v > to; v--) {
		if (!schema_undo[v])
			continue;
		char *err = NULL;
		int rc = sqlite3_exec(db, schema_undo[v], NULL, NULL, &err);
		if (rc != SQLITE_OK) {
			fprintf(stderr, "undoing migration %d: %s\n", v, err ? err : "?");
			sqlite3_free(err);
			return rc;
		}
	}
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", to);
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

#endif
