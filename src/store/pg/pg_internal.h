/* What only the PostgreSQL backend has (src/store/pg/), for src/store/db.c's
 * dispatch and the store's shared modules (SQLite's twin:
 * sqlite/sqlite_internal.h). */
#ifndef LAIFANG_STORE_PG_INTERNAL_H
#define LAIFANG_STORE_PG_INTERNAL_H

#include "pg_driver.h"

#include "../seal_internal.h"
#include "../store_internal.h"

/* open.c: the PostgreSQL database of conninfo as st's connection (schema
 * main, migrated), for store_open; the name messages show for it (without
 * a password; malloc'd); BEGIN with the write lock (writes take turns, as
 * on SQLite); the schema's version. */
lf_store_err store_pg_connect(lf_store *st, const char *conninfo);
char *store_pg_display_name(const char *conninfo);
lf_store_err store_pg_begin(lf_store *st);
/* When the server does not answer (its connection lost): that sentence
 * as the store's error (LF_STORE_IO), and true. */
bool store_pg_unreachable(lf_store *st, const char *detail);
/* The table laifang_version (PostgreSQL has no user_version pragma). */
#define STORE_PG_VERSION_COLUMNS "one bigint PRIMARY KEY CHECK (one = 1), version bigint NOT NULL"
int store_pg_schema_version(lf_store *st);
/* Whether the database answers and lacks laifang's schema. */
bool store_pg_absent(const char *conninfo);

/* seal_pg.c: the sealed tables and their columns (the same columns as
 * SQLite's pragmas give: name, pk position, default, count), and the
 * triggers and temporary table that note written rows. */
extern const char store_pg_tables_sql[];
extern const char store_pg_columns_sql[];
lf_store_err store_pg_seal_tracking(lf_store *st);
/* The function and the triggers in schema, inside the caller's transaction. */
lf_store_err store_pg_seal_ddl(lf_store *st, const char *schema);

/* search_pg.c: the search index of one case (case_search's bigrams in a
 * tsvector, search_key's number tails), as search.c keeps it on SQLite. */
lf_store_err store_pg_search_index(lf_store *st, const char *case_id);
/* The bigram tokens of text as an array literal ({"a","b"}); NULL when out
 * of memory. */
char *store_pg_tokens(const char *text);
/* The whole search index made anew from every case (db copy; issue 16):
 * the terms cut in C as store_pg_search_index cuts them, sent by COPY to
 * working tables and set into case_search and search_key by two
 * statements (search_bulk_pg.c). */
lf_store_err store_pg_search_rebuild(lf_store *st);
/* The session's list of rows written, where the seal's triggers note what
 * they see (store_pg_seal_tracking, seal_pg.c; the bench's raw side makes
 * the same): a view of the current generation of lf_written_all. */
#define STORE_PG_WRITTEN_SQL                                                                            \
	"CREATE TEMP SEQUENCE IF NOT EXISTS lf_written_gen;"                                                \
	"SELECT nextval('pg_temp.lf_written_gen');"                                                         \
	"CREATE TEMP TABLE IF NOT EXISTS lf_written_all (gen bigint NOT NULL DEFAULT "                      \
	"currval('pg_temp.lf_written_gen'), tbl text NOT NULL, k1 text, k2 text);"                          \
	"CREATE INDEX IF NOT EXISTS lf_written_all_key ON pg_temp.lf_written_all (gen, tbl, k1, k2);"       \
	"CREATE OR REPLACE FUNCTION pg_temp.lf_written_now() RETURNS bigint LANGUAGE sql STABLE AS "        \
	"$$SELECT currval('pg_temp.lf_written_gen')$$;"                                                     \
	"CREATE OR REPLACE TEMP VIEW lf_written AS SELECT tbl, k1, k2 FROM pg_temp.lf_written_all "         \
	"WHERE gen = pg_temp.lf_written_now()"

/* The text search's statement, and its query: every token of every term
 * required (the tokens carry no positions, so a phrase is its bigrams). */
extern const char store_pg_search_text_sql[];
extern const char store_pg_search_ids_text_sql[];
char *store_pg_tsquery(const char *const *terms, int n);
/* The row the text search's walk stops at (:floor of the statements
 * above) for these terms: ANALYZE's share of rows holding the rarest word
 * decides between walking the newest rows (a common word or phrase) and
 * the index (a rare one). The choice itself: ..._for, with the newest row,
 * the rows and that share. */
lf_store_err store_pg_search_floor(lf_store *st, const char *const *terms, int n, int window, long long *floor);
long long store_pg_search_floor_for(long long newest, double rows, double share, int window);
/* The tsvector of the three columns' tokens (parameters holding arrays):
 * names weigh A, addresses B, the content D, for ts_rank. A weight belongs
 * to a lexeme's position, and array_to_tsvector gives none (setweight then
 * changes nothing: so it was until schema 39), so each token is written in
 * tsvector's own input form at position 1: quoted, a quote doubled, a
 * backslash doubled. */
#define STORE_PG_POSITIONED(tokens)                                                                     \
	"CAST(array_to_string(ARRAY(SELECT '''' || replace(replace(x, '\\', '\\\\'), '''', '''''') || ''':1' " \
	"FROM unnest(CAST(" tokens " AS text[])) AS x), ' ') AS tsvector)"
#define STORE_PG_TERMS(names, addresses, content)                                                      \
	"setweight(" STORE_PG_POSITIONED(names) ", 'A') || setweight(" STORE_PG_POSITIONED(addresses) ", 'B') || " \
	STORE_PG_POSITIONED(content)
/* Schema 39 (db/pg/039_search_weights.sql): the terms built before it are
 * rebuilt when an office crosses it. */
#define STORE_PG_WEIGHTED_SCHEMA 39

/* watch_pg.c (issue 14, store_watch.h): the statement triggers on the case
 * tables that send a notification on channel laifang_change with every
 * change (made in schema beside the seal's, inside the caller's
 * transaction), whether main has them all (1, 0; -1 on error), LISTEN at
 * open, and whether another backend's notification has come since. */
lf_store_err store_pg_watch_ddl(lf_store *st, const char *schema);
int store_pg_watch_current(lf_store *st);
bool store_pg_watch_listen(lf_store *st);
bool store_pg_changed_elsewhere(lf_store *st);

/* copy_pg.c: COPY copy_sql (COPY table (columns) FROM STDIN) with data,
 * rows in COPY's text format, in one round trip. */
lf_store_err store_pg_copy(lf_store *st, const char *copy_sql, const char *data, size_t len);

/* check_pg.c: the parts of `laifang check` that differ on PostgreSQL. */
struct checker;
bool check_schema_pg(struct checker *k);
bool check_references_pg(struct checker *k);
bool check_search_pg(struct checker *k);

/* reader_pg.c: fn(reader, ud) in a second thread, on a second connection
 * with st's parameters, in one REPEATABLE READ transaction rolled back at
 * its end; NULL when that connection or thread cannot be made (the caller
 * runs fn's work itself). join waits for it and frees; fn tells its own
 * outcome through ud. */
struct store_pg_reader;
struct store_pg_reader *store_pg_reader_start(lf_store *st, store_reader_fn fn, void *ud);
void store_pg_reader_join(struct store_pg_reader *t);

#endif
