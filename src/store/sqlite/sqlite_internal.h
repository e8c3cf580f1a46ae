/* What only the SQLite backend has, for src/store/db.c's dispatch and the
 * modules of this folder (the PostgreSQL backend's twin: pg/pg_internal.h). */
#ifndef LAIFANG_STORE_SQLITE_INTERNAL_H
#define LAIFANG_STORE_SQLITE_INTERNAL_H

#include "../store_internal.h"

struct sqlite3;

/* open.c: the SQLite file at path as st's connection (made private, WAL,
 * migrated), for store_open;
 * BEGIN IMMEDIATE with retries while another desk writes; the file's
 * schema version (PRAGMA user_version), -1 with the error recorded. */
lf_store_err store_sqlite_connect(lf_store *st, const char *path);
lf_store_err store_sqlite_begin(lf_store *st);
int store_sqlite_schema_version(lf_store *st);

/* fts_bigram.c: the tokenizer registered with FTS5 as "laifang", and the
 * ranking laifang_rank (fts_rank.c: bm25's order, without counting a lone
 * phrase's matches). */
int lf_bigram_register(struct sqlite3 *db);
struct fts5_api;
int lf_rank_register(struct fts5_api *api);
/* search_fn.c: the tokenizer and laifang_search_key on a connection, before
 * the migrations run and before the case_search table is used (a raw
 * connection that queries it must call this too). An SQLite result code. */
int store_search_register(struct sqlite3 *db);
/* laifang_rows_pack / laifang_rows_json (rows_fn.c, db/038); store_search_register calls it. */
int store_rows_register(struct sqlite3 *db);
/* seal_track.c: the temporary table and triggers that note the rows a
 * transaction writes, for the seal. */
lf_store_err store_sqlite_seal_tracking(lf_store *st);
/* laifang check's temporary tables in a file, and back (seal_track.c). */
lf_store_err store_sqlite_check_temp_begin(lf_store *st, int *was);
lf_store_err store_sqlite_check_temp_end(lf_store *st, int was);
/* integrity_thread.c: PRAGMA integrity_check of st's file on a connection
 * of its own in a second thread, then more(reader, ud) on that connection
 * (in the same read transaction; only when the pragma ran to its end);
 * NULL when it cannot run there (a database in memory, no thread), and the
 * caller runs both itself. finish waits for it, gives each line the pragma
 * reported (other than "ok") to line: 1 when the pragma ran to its end, 0
 * when the thread could not open the file (a read-only folder without the
 * WAL's shared memory: the caller runs it itself), -1 when it failed on the
 * way (err says why). more tells its own outcome through ud; join waits
 * for the thread without reporting. */
struct store_integrity;
struct store_integrity *store_sqlite_integrity_start(lf_store *st, store_reader_fn more, void *ud);
/* Waits for the thread (more has told its outcome then); finish still
 * reports the pragma's lines and frees. */
void store_sqlite_integrity_join(struct store_integrity *t);
int store_sqlite_integrity_finish(struct store_integrity *t, void (*line)(const char *text, void *ud), void *ud,
                                  char *err, size_t errlen);
/* watch_sqlite.c: PRAGMA data_version, the same number until another
 * connection commits; false when it cannot be read. */
bool store_sqlite_data_version(lf_store *st, long long *out);

#endif
