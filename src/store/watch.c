/* Whether another desk changed the database since this handle last looked
 * (issue 14, store_watch.h): SQLite's data_version (sqlite/watch_sqlite.c),
 * PostgreSQL's notifications (pg/watch_pg.c). Nothing here records an error
 * on the handle: a look that fails is "no change seen", and the list's next
 * read says what is wrong. */
#include "store_internal.h"
#include "pg/pg_internal.h"
#include "sqlite/sqlite_internal.h"

#include "laifang/store_watch.h"

void store_watch_start(lf_store *st)
{
	if (sql_dialect_of(st->db) == SQL_POSTGRES)
		st->watch_on = store_pg_watch_listen(st);
	else
		st->watch_on = store_sqlite_data_version(st, &st->watch_version);
}

bool lf_store_changed_elsewhere(lf_store *st)
{
	if (!st || !st->watch_on)
		return false;
	if (sql_dialect_of(st->db) == SQL_POSTGRES)
		return store_pg_changed_elsewhere(st);
	long long v;
	if (!store_sqlite_data_version(st, &v) || v == st->watch_version)
		return false;
	st->watch_version = v;
	return true;
}
