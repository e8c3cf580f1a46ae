/* Shared by the files that seal the audit log (seal.c: the key at open and
 * the keyed hash; seal_key.c: the key file; seal_rows.c: which rows were
 * written and their digests; check_seal.c: checking all of it). */
#ifndef LAIFANG_SEAL_INTERNAL_H
#define LAIFANG_SEAL_INTERNAL_H

#include "store_internal.h"

#include "laifang/store_audit.h"

#define SEAL_KEY_LEN 32
/* A row's digest: SHA-256 cut to 16 bytes, 32 hex digits. */
#define SEAL_ROW_DIGEST_BYTES 16

/* A table whose rows are facts: digested on every write, checked by
 * `laifang check`. Derived tables (the search index, counters) and the log
 * itself are not in the list; check recomputes the derived ones. */
typedef struct seal_table {
	char *name;
	int nkeys;         /* primary key columns (1 or 2); 0: the rowid */
	char *key[2];
	int label_col;     /* index in SELECT * of case_no / login: the row's name; -1 none */
	int case_col;      /* index of case_id: the row is named by its case's number; -1 none */
	sql_stmt *get; /* SELECT * by key */
	int ncols;         /* columns of SELECT *, and each one's default value */
	struct seal_default {
		int type;      /* SQL_NULL: none (or not a constant) */
		char *text;
		int bytes;
	} *dflt;
} seal_table;

struct store_seal {
	lf_seal_state state;
	int key_errno; /* LF_SEAL_KEY_UNREADABLE: why the key file could not be read */
	unsigned char key[SEAL_KEY_LEN];
	char db_id[STORE_UUID_LEN];
	char key_path[4096];
	seal_table *t;
	size_t n;
	bool tracking; /* the temp triggers note written rows */
	bool key_by_setting; /* key_path came from the setting audit_key_file */
	sql_stmt *pending, *clear, *any, *case_no;
	/* PostgreSQL: a batch's writes move lf_written to its next generation
	 * instead of deleting its rows (seal_pg.c); NULL on SQLite. */
	sql_stmt *next_gen;
};

/* seal_rows.c */
lf_store_err seal_tables_load(lf_store *st);
void seal_tables_free(struct store_seal *s);
lf_store_err seal_tracking_start(lf_store *st);
const seal_table *seal_table_find(const struct store_seal *s, const char *name);
/* The query over a sealed table's rows: its key column(s) first (rowid
 * when it has none), then every column. Returns how many key columns lead
 * (seal_rows.c). */
int seal_select_sql(const seal_table *t, char *sql, size_t len);

/* The digest of the current row of s, its columns from first on (those of
 * SELECT * of table t): the first 16 bytes (32 hex digits) of SHA-256 over
 * the table's name and the name, type and value, length-prefixed, of each
 * column that is neither NULL nor its column's default value. Leaving those
 * out keeps the digest of every older row when a migration adds a column
 * (NULL or its default in every older row); it loses nothing, since the
 * table's defaults are known. */
void seal_row_digest(const seal_table *t, sql_stmt *s, int first, char out[STORE_HASH_LEN]);
/* The row's name for people: its case number or login, "" when none. */
void seal_row_label(lf_store *st, const seal_table *t, sql_stmt *s, int first, char *out, size_t len);
/* The key columns (from first, nkeys of them or the rowid) as one text. */
void seal_key_text(sql_stmt *s, int first, int nkeys, char *out, size_t len);
/* Every current row of every sealed table as JSON rows texts of at most
 * chunk rows each, to fn (the first sealing of an older database). */
typedef lf_store_err (*seal_chunk_fn)(lf_store *st, const char *rows_json, void *ud);
lf_store_err seal_all_rows(lf_store *st, size_t chunk, seal_chunk_fn fn, void *ud);

/* seal_pack.c: an entry's rows (JSON text) packed for the column rows
 * (db/038) and back. pack: false when the text would not come back byte
 * for byte (then it is stored as it is). unpack: the JSON text again (a
 * blob without the format byte is the text itself); malloc'd. */
bool seal_rows_pack(const char *text, unsigned char **out, size_t *n);
char *seal_rows_unpack(const void *v, size_t n);
/* The rows of an entry as JSON text from column col (NULL: none), and the
 * text bound packed (a blob) to parameter i. */
char *seal_rows_column(sql_stmt *s, int col);
/* The same, and *tree the rows parsed (a new reference; NULL when the text
 * is not JSON): check reads every entry's rows, and a packed entry is a
 * tree before it is text, so it is not parsed back from its own text. */
char *seal_rows_column_tree(sql_stmt *s, int col, json_t **tree);
/* A packed entry's JSON text as json_dumps gives it back, made without
 * parsing when every text in it is written as it is (check reads every
 * entry): NULL when v is not packed or a text needs escaping (then the two
 * above). each: its rows one by one to fn (digest NULL: the row deleted;
 * name NULL: none; "": the same as the row before's); false as soon as fn
 * is, or where the text would be NULL. */
typedef bool (*seal_row_fn)(const char *table, const char *key, const char *digest, const char *name, void *ud);
char *seal_rows_packed_text(const void *v, size_t n);
bool seal_rows_packed_each(const void *v, size_t n, seal_row_fn fn, void *ud);
int seal_rows_bind(sql_stmt *s, int i, const char *text);

/* seal_key.c: 0 or an errno (EINVAL: not a key file) */
int seal_key_read(const char *path, unsigned char key[SEAL_KEY_LEN]);
int seal_key_write(const char *path, const unsigned char key[SEAL_KEY_LEN]);
/* Where this database's key file is: the audit_key_file setting, else
 * $XDG_CONFIG_HOME/laifang/<db_id>.key. False when no path can be formed. */
bool seal_key_path(lf_store *st, const char *db_id, char *out, size_t len, bool *by_setting);

#endif
