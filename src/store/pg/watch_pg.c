/* Several desks on one server (issue 14, store_watch.h): every committed
 * change to a case's tables sends a notification on the channel
 * laifang_change, and a desk that listens learns of it with one look at its
 * connection, without a query. The notification comes from a statement
 * trigger (one per statement, whatever the rows; PostgreSQL folds the same
 * notification within a transaction into one and sends it at commit, none
 * on rollback), so a change made by any writer is seen, not only laifang's.
 * The triggers are made at open with the seal's (seal_pg.c), and in the
 * pristine copy `laifang check` compares the schema with. */
#include "pg_internal.h"

#include <stdio.h>

#define CHANNEL "laifang_change"

/* The tables a list on a desk reads: a case, its people, steps, signed
 * entries, units, clocks and answers, and the units' names. */
#define WATCHED                                                                                         \
	"ARRAY['case_file', 'case_visitor', 'visitor', 'case_event', 'case_entry', 'case_unit', "         \
	"'case_clock', 'case_intake', 'case_notice', 'case_agency_answer', 'unit']"

lf_store_err store_pg_watch_ddl(lf_store *st, const char *schema)
{
	char sql[1536];
	/* schema is laifang's own (main, lf_pristine): no quote in it. */
	snprintf(sql, sizeof sql,
	         "CREATE OR REPLACE FUNCTION %s.laifang_notify_change() RETURNS trigger LANGUAGE plpgsql AS "
	         "$$BEGIN PERFORM pg_notify('" CHANNEL "', ''); RETURN NULL; END$$;"
	         "DO $$DECLARE t text; BEGIN FOREACH t IN ARRAY " WATCHED " LOOP "
	         "IF to_regclass(format('%%I.%%I', '%s', t)) IS NOT NULL THEN "
	         "EXECUTE format('CREATE TRIGGER lf_notify AFTER INSERT OR UPDATE OR DELETE ON %%I.%%I "
	         "FOR EACH STATEMENT EXECUTE FUNCTION %%I.laifang_notify_change()', '%s', t, '%s'); "
	         "END IF; END LOOP; END$$",
	         schema, schema, schema, schema);
	return store_exec(st, sql);
}

int store_pg_watch_current(lf_store *st)
{
	static const char sql[] =
		"SELECT to_regprocedure('main.laifang_notify_change()') IS NOT NULL AND NOT EXISTS "
		"(SELECT 1 FROM unnest(" WATCHED ") AS w(name) WHERE to_regclass('main.' || w.name) IS NOT NULL "
		"AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = to_regclass('main.' || w.name) "
		"AND g.tgname = 'lf_notify')) AND NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c "
		"ON c.oid = g.tgrelid WHERE g.tgname = 'lf_notify' AND c.relnamespace = 'main'::regnamespace "
		"AND c.relname <> ALL (" WATCHED "))";
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_step(s);
	int have = rc == SQL_ROW ? sql_column_int(s, 0) != 0 : -1;
	sql_finalize(s);
	return have;
}

bool store_pg_watch_listen(lf_store *st)
{
	return sql_pg_handle(st->db) && sql_exec(st->db, "LISTEN " CHANNEL) == SQL_OK;
}

bool store_pg_changed_elsewhere(lf_store *st)
{
	PGconn *c = sql_pg_handle(st->db);
	/* Reads what the server has sent without waiting; 0: the connection is
	 * broken (the list's next read says so). */
	if (!c || !PQconsumeInput(c))
		return false;
	int me = PQbackendPID(c);
	/* Set when the connection was made again (open.c, revive). */
	bool changed = st->watch_version != 0;
	st->watch_version = 0;
	PGnotify *n;
	while ((n = PQnotifies(c)) != NULL) {
		if (n->be_pid != me) /* this desk's own writes notify it too */
			changed = true;
		PQfreemem(n);
	}
	return changed;
}
