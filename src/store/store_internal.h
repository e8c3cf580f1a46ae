/* Shared between the files of the SQLite store (db.c, cases.c, check.c,
 * people.c, audit.c); nothing outside src/store/ includes this. */
#ifndef LAIFANG_STORE_INTERNAL_H
#define LAIFANG_STORE_INTERNAL_H

#include <jansson.h>
#include "sql.h"
#include <stdbool.h>

#include "laifang/store.h"
#include "laifang/store_access.h"

/* Every statement the store runs more than once, prepared on first use and
 * kept until close (at a few microseconds a query, preparing would dominate). */
enum store_stmt_id {
	STMT_VISITOR_UPSERT,
	STMT_VISITOR_N_CASES,
	STMT_VISITOR_NEWEST_CASE,
	STMT_HEARINGS_OPEN,
	STMT_RECEIPTS_SINCE_ROUTING,
	STMT_COUNTER_NEXT,
	STMT_CASE_INSERT,
	STMT_CASE_VISITOR_INSERT,
	STMT_FIND_VISITOR,
	STMT_CASES_ON,
	STMT_CASES_ON_DOWN,
	STMT_CASES_ON_UP,
	STMT_CASES_ON_COUNT,
	STMT_EACH_CASE,
	STMT_EACH_CASE_AFTER, /* a page of every case by number (the export) */
	STMT_GET_CASE,
	STMT_AUDIT_HEAD,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_HEAD_MOVE,
	STMT_USER_GET,
	STMT_SESSION_USER, /* the actor's row, read at every write (session.c) */
	STMT_SETTING_GET,
	/* Issue 4, a case's life (flow.c, queue.c). */
	STMT_FLOW_CASE,   /* a case's flow columns, by id or number, for an event */
	STMT_EVENT_INSERT,
	STMT_FLOW_UPDATE,
	STMT_CASE_FLOW,
	STMT_CASE_EVENTS,
	STMT_WAITING,
	STMT_CALENDAR_ADD,
	STMT_CALENDAR_EACH,
	/* A queue's SQL is generated for its filter's shape (which filters, which
	 * states): these slots keep the latest shapes prepared (queue.c). */
	STMT_QUEUE_FIRST,
	STMT_QUEUE_LAST = STMT_QUEUE_FIRST + 15,
	/* Issue 6, search (search.c). */
	STMT_SEARCH_DEL_TEXT,
	STMT_SEARCH_ADD_TEXT,
	STMT_SEARCH_DEL_KEYS,
	STMT_SEARCH_ADD_KEYS,
	STMT_SEARCH_TEXT,
	STMT_SEARCH_FLOOR, /* PostgreSQL: where the text search's walk stops (search_pg.c) */
	STMT_SEARCH_CASE_NO,
	STMT_SEARCH_CASE_NO_RANGE,
	STMT_SEARCH_NUMBER,
	/* Issue 6, statistics and categories (stats.c). */
	STMT_COUNTS_MOVE,
	STMT_STATUS_COUNTS,
	STMT_STATUS_COUNTS_SLOW,
	STMT_STATS_CATEGORY,
	STMT_STATS_UNIT,
	STMT_CATEGORY_EACH,
	STMT_CATEGORY_ADD,
	STMT_CATEGORY_CASE,
	STMT_CATEGORY_FIND,
	STMT_CATEGORY_SET,
	STMT_CASE_LOG_DAYS,
	STMT_ARCHIVE_GATE,
	STMT_CASE_ENTRIES, /* a case's signed entries (entries.c) */
	STMT_VISITOR_NAME, /* issue 11: the name on record under a document key */
	STMT_SEARCH_BY_SEQ,
	STMT_AUDIT_PAGE_DESC, /* the audit screen's pages, by shape (audit.c) */
	STMT_AUDIT_PAGE_ASC,
	STMT_QUERY_CODE_INSERT, /* a case's query code, minted with it (query_code.c) */
	/* the statistics' counters (stats_counters.c) */
	STMT_STATS_TOUCHED,
	STMT_STATS_FACTS,
	STMT_STATS_OLD,
	STMT_STATS_OVERDUE,
	STMT_STATS_ADD,
	STMT_STATS_CASE_PUT,
	STMT_STATS_CASE_DEL,
	STMT_STATS_VISITORS_OLD,
	STMT_STATS_VISITORS_NEW,
	STMT_STATS_VISITOR_DEL,
	STMT_STATS_VISITOR_ADD,
	STMT_STATS_VISITOR_ANY,
	STMT_INTAKE_INSERT,     /* a channel form's own field (schema 24, cases.c) */
	STMT_INTAKE_READ,
	STMT_KIND_SET,          /* screening: the regulation's category (flow.c) */
	STMT_EVAL_DUE_SET,      /* issue 13: the evaluation period a reply opens (flow.c) */
	STMT_CLOCK_HISTORY,     /* a case's clocks, at every write of it (clocks.c) */
	STMT_CLOCK_OLD,
	STMT_CLOCK_PUT,
	STMT_CLOCK_CASE,
	STMT_MAX
};

struct lf_store {
	sql_db *db;
	char *path;
	bool in_txn; /* lf_store_begin is open: saves join it */
	char *actor_id;    /* who the writes are by (lf_store_set_actor); NULL: "system" */
	char *actor_login;
	lf_case_reader reader; /* who reads the lists (lf_store_set_reader; access.c) */
	/* Issue 10: the actor's account as it was when they logged in (a digest
	 * of roles, active, unit and password hash), compared at every write
	 * (session.c). */
	int session;            /* SESSION_NONE, SESSION_SET, SESSION_UNKNOWN */
	unsigned char session_stamp[32];
	bool session_ended;     /* a write was refused: the account changed */
	bool auth_write;        /* a login's own bookkeeping runs: not checked */
	lf_store_err err;
	char msg[768];
	sql_stmt *stmts[STMT_MAX];
	int queue_slot_next; /* the queue slot a new shape takes next (queue.c) */
	unsigned long long queue_shape[STMT_QUEUE_LAST - STMT_QUEUE_FIRST + 1]; /* each slot's shape */
	struct store_seal *seal; /* the office key and the rows to digest (seal.c) */
	unsigned audit_shape[2]; /* the filters of STMT_AUDIT_PAGE_DESC, _ASC (audit.c) */
	bool bare; /* opened as db copy's destination: migrated, neither sealed nor tracked (copy.c) */
	bool stats_recount; /* statistics from the cases, not the counters (tests, bench) */
	/* a batch's changes to the counters, written at its commit (stats_pending.c) */
	struct stats_pend *stats_write, *stats_batch;
	/* Issue 14 (watch.c): what lf_store_changed_elsewhere compares with:
	 * SQLite's data_version as last read; on PostgreSQL, non-zero after
	 * the connection was made again (a change to report). watch_on: the
	 * handle follows others' changes (LISTEN is on, on PostgreSQL). */
	long long watch_version;
	bool watch_on;
};

/* A store around a connection another part opened (laifang check's second
 * thread, sqlite/integrity_thread.c), to run the store's reads on it; unwrap
 * frees what the store made, not the connection. NULL: out of memory. */
lf_store *store_reader_wrap(sql_db *db, const char *path);
void store_reader_unwrap(lf_store *st);
typedef bool (*store_reader_fn)(lf_store *reader, void *ud);
/* lines.c: lines kept in order; lost: one could not be (out of memory). */
typedef struct store_lines {
	char **v;
	size_t n, cap;
	bool lost;
} store_lines;
bool store_lines_add(store_lines *l, const char *line);
void store_lines_free(store_lines *l);

/* Open as lf_store_open does; bare: a destination of db copy, migrated but
 * neither sealed (its seal comes with the rows copied) nor tracking writes. */
lf_store *store_open(const char *path, bool bare, lf_store_err *err, char *msg, size_t msglen);

/* The cached statement id, prepared from sql the first time; NULL with the
 * error set on st when it cannot be prepared. Reset it after use. */
sql_stmt *store_stmt(lf_store *st, enum store_stmt_id id, const char *sql);
/* The same for a read whose rows grow with the office: streamed
 * (SQL_PREPARE_STREAM, sql.h); store_done ends it. */
sql_stmt *store_stmt_stream(lf_store *st, enum store_stmt_id id, const char *sql);
/* The same for a statement planned with its values at each run
 * (SQL_PREPARE_CUSTOM_PLAN, sql.h). */
sql_stmt *store_stmt_custom_plan(lf_store *st, enum store_stmt_id id, const char *sql);
/* A statement planned once without its values (SQL_PREPARE_GENERIC_PLAN). */
sql_stmt *store_stmt_generic_plan(lf_store *st, enum store_stmt_id id, const char *sql);

/* Record SQLite's result code rc (and the handle's message) as the handle's
 * error; returns the kind. */
lf_store_err store_fail(lf_store *st, int rc);

/* Record an error of a given kind with an already translated sentence. */
lf_store_err store_fail_msg(lf_store *st, lf_store_err kind, const char *msg);
/* What a driver's result code means to the store; the sentence for an error
 * of kind on this database (detail: what the database or system said); an
 * error from the system (errno) while preparing a file. db.c. */
lf_store_err store_kind_of(int rc);
void store_describe(lf_store *st, lf_store_err kind, const char *detail);
lf_store_err store_fail_errno(lf_store *st, int err);
/* "007_name.sql" -> 7; 0 when the name does not start with a number. */
int store_migration_number(const char *name);
/* Tell lf_store_on_upgrading's function, if any, that st goes from to to. */
void store_upgrading(const lf_store *st, int from, int to);

/* Clear the handle's error; returns LF_STORE_OK. */
lf_store_err store_ok(lf_store *st);

/* Run SQL without results (BEGIN, COMMIT...); an error is recorded. */
lf_store_err store_exec(lf_store *st, const char *sql);

/* Start a write transaction with BEGIN IMMEDIATE, trying again a few times
 * while other terminals hold the database past the busy timeout. */
lf_store_err store_begin_immediate(lf_store *st);

/* How many times a write is tried when the database stays busy. */
#define STORE_BUSY_TRIES 3

/* One write: body runs inside a transaction, its own (BEGIN IMMEDIATE,
 * tried again while busy) or, between lf_store_begin and lf_store_commit,
 * a savepoint of the batch's. A body that fails leaves nothing: its own
 * transaction or its savepoint is rolled back. The body may run more than
 * once (busy): it must not keep state from an earlier run. */
typedef lf_store_err (*store_body_fn)(lf_store *st, void *ctx);
lf_store_err store_write(lf_store *st, store_body_fn body, void *ctx);

/* Issue 11 (archive_lock.c): the one gate every write touching a case
 * passes. LF_STORE_DENIED with the sentence when the case (id or number) is
 * archived; OK when it is not, or when there is no such case (the write
 * says so). An annotation is the only write that does not ask. The triggers
 * of db/011 are the second line: store_fail turns their refusal into the
 * same kind (store_is_archive_lock). */
lf_store_err store_case_gate(lf_store *st, const char *case_key);
/* The same for the cases a reception-day log's save would link (those of
 * day not yet linked to log_id): the first archived one refuses the save. */
lf_store_err store_case_gate_day(lf_store *st, const char *log_id, const char *day);

bool store_is_archive_lock(lf_store *st);
lf_store_err store_archive_lock_fail(lf_store *st);

/* Issue 10 (session.c): a write by an actor whose account was deactivated,
 * or whose roles, unit or password changed since they logged in, is
 * refused (LF_STORE_SESSION) before its body runs; store_write calls this
 * inside the write transaction. store_session_load takes the stamp from the
 * database (lf_store_set_actor). store_auth_write runs a login's own
 * bookkeeping (counting a failure, a success) without that check. */
enum { SESSION_NONE, SESSION_SET, SESSION_UNKNOWN };
lf_store_err store_session_check(lf_store *st);
void store_session_load(lf_store *st);
lf_store_err store_auth_write(lf_store *st, store_body_fn body, void *ctx);
/* Inside a write: forget the failed logins counted under the user's login
 * (a success, an administrator's unlock or new password). login_guard.c. */
lf_store_err store_guard_forget_user(lf_store *st, const char *user_id);

/* Issue 12 (case_people.c): c's group visit, representatives and further
 * numbers (lf_case's visit_kind..rep_id) from case_visitor and case_file. */
lf_store_err store_case_people_fill(lf_store *st, lf_case *c);

/* Issue 14 (watch.c): start watching for other connections' changes
 * (lf_store_watch.h), at the end of lf_store_open; a failure only leaves
 * the lists without their automatic refresh. */
void store_watch_start(lf_store *st);

#define STORE_UUID_LEN 37
void store_new_uuid(char out[STORE_UUID_LEN]);

/* Bind text to a named parameter (empty text as NULL), an integer, and
 * reset a cached statement with its bindings dropped. */
int store_bind_text(sql_stmt *s, const char *param, const char *value);
int store_bind_int(sql_stmt *s, const char *param, long long value);
void store_done(sql_stmt *s);

/* Append an entry to the audit log as the handle's actor, inside the
 * caller's write transaction (every write calls it in its body). record and
 * changes_json may be NULL. */
lf_store_err store_audit_append(lf_store *st, const char *action, const char *record,
                                const char *changes_json);

/* Audit details as JSON: set a string member (skipped when value is NULL or
 * empty; text that is not UTF-8 is replaced by a note), and turn an object
 * into compact text, dropping the object (NULL when out of memory). */
void store_json_set(json_t *obj, const char *key, const char *value);
char *store_json_take(json_t *obj);

/* The entry hash: hex SHA-256 (65 bytes with NUL) over prev_hash and the
 * entry's fields, each length-prefixed (NULL distinct from ""). */
#define STORE_HASH_LEN 65
/* The link of the log's first entry: no entry before it. */
#define STORE_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"
bool store_audit_hash(const char *prev_hash, long long seq, const char *at, const char *user_id,
                      const char *login, const char *action, const char *record, const char *changes,
                      char out[STORE_HASH_LEN]);
/* Feed one field, length-prefixed ("N" for NULL, "S<len>:<bytes>"), to a
 * hash or MAC through its update function (audit.c). */
typedef void (*store_hash_update)(void *state, const unsigned char *p, size_t n);
void store_hash_field(store_hash_update update, void *state, const char *v);

/* Find or add a visitor by document (doc_type NULL: 居民身份证; doc_key the
 * record's number, NULL or "" for 无证件: always a new person). A known
 * person's record keeps its name, sex, phone and address and only gains
 * what it lacks, unless update (the clerk confirmed the sheet's words). Their
 * id goes to visitor_id, and *known says whether the record was there, with
 * its name before in old_name (size STORE_NAME_LEN). An SQLite result code,
 * or -1 when a statement could not be prepared (the error is recorded on st).
 * cases.c; shared by a group petition's representatives. */
#define STORE_NAME_LEN 256
typedef struct store_person {
	const char *doc_type, *doc_key, *name, *sex, *phone, *address;
	bool update;
} store_person;
int store_visitor_upsert(lf_store *st, const store_person *p, const char *now, char visitor_id[STORE_UUID_LEN],
                         bool *known, char old_name[STORE_NAME_LEN]);
/* case_read.c: a case's id and number by its id or number (no: 32 bytes);
 * NOTFOUND with a sentence naming it when there is none. */
lf_store_err store_case_key(lf_store *st, const char *key, char id[STORE_UUID_LEN], char no[32]);
/* case_read.c: each row of sql (its ?1 the case's id) for the case of key
 * (id or number), to fn with the statement on the row; fn returns true to
 * stop. NOTFOUND with a sentence when there is no such case. */
typedef bool (*store_row_fn)(sql_stmt *s, void *ud);
lf_store_err store_case_rows(lf_store *st, const char *key, const char *sql, store_row_fn fn, void *ud);
/* cases.c: a person record's unique key (visitor.id_number,
 * db/012_identity.sql; fresh names a person without a document), and the
 * 15-digit form of an 18-digit ID number of the 1900s that a record from
 * before schema 12 may still hold ("" when none). */
void store_person_key(const store_person *p, const char *fresh, char *key, size_t len);
void store_legacy_key(const char *key, char out[16]);

/* The document number a case shows for its visitor cv (joined with visitor
 * v): as typed on that visit, the note of a person without a document, or
 * the person's number on a case older than schema 12. */
#define STORE_DOC_SHOWN                                                                              \
	"CASE WHEN cv.doc_type IS NULL THEN v.id_number WHEN cv.doc_type = '无证件' THEN cv.doc_note "   \
	"ELSE cv.doc_number END"

/* The kind of event e, for a subquery that reads one case's events (e.case_id
 * = c.id): compared as an expression, so that no index on kind can serve it
 * and the case's own rows are read by the (case_id, seq) key. Without
 * statistics for case_event (a new office, or events written since the last
 * ANALYZE) SQLite weighs "e.kind = 'reply'" on case_event_kind_at (db/031)
 * like "e.case_id = ?" on the key and may take the kind: then each Save
 * recounting its case's statistics read every reply of the office (7 ms
 * at 20,000 cases, growing with the office; the bench office's generation
 * spent all its time there). */
#define STORE_EVENT_KIND(e) "(" e ".kind || '')"

/* A case's queue order as one text (db/003_flow.sql): '0' urgent / '1' not,
 * the due date or '9999-12-31', the case number. flow.c. */
#define STORE_SORT_KEY_LEN 40
void store_sort_key(char out[STORE_SORT_KEY_LEN], bool urgent, const char *due_on, const char *case_no);

/* The prepared, bound statement a queue filter runs (count: its count), to
 * be reset with store_done after use; NULL with the error recorded. And the
 * binding alone, for the same SQL text prepared elsewhere (the plan test,
 * the bench's raw SQLite). queue.c. */
struct lf_queue_filter;
sql_stmt *store_queue_stmt(lf_store *st, const struct lf_queue_filter *f, bool count);
int store_queue_bind(sql_stmt *s, const struct lf_queue_filter *f, bool count);

/* A case moved from one state to another: the counters of db/006_stats.sql
 * follow, inside the caller's write transaction (flow.c calls it with each
 * change of state). An SQLite result code, or -1 (error recorded). stats.c. */
int store_counts_move(lf_store *st, const char *from, const char *to);

/* ---- sealing (issue 10): seal.c, seal_key.c, seal_rows.c ---------------- */

/* At open, after the migrations: find this database's office key (creating
 * it for a new database, re-sealing an older log with it), and, on a
 * writable file, start noting every row written (temp triggers). */
lf_store_err store_seal_open(lf_store *st);
void store_seal_close(lf_store *st);

/* LF_STORE_OK when entries can be sealed now; else the error (no key) is
 * recorded on st and returned. */
lf_store_err store_seal_ready(lf_store *st);

/* The entry hash of the keyed chain: hex HMAC-SHA-256 with the office key
 * over prev_hash and the entry's fields, each length-prefixed as in
 * store_audit_hash. False without a key. */
bool store_seal_mac(const unsigned char key[32], const char *prev_hash, long long seq, const char *at,
                    const char *user_id, const char *login, const char *action, const char *record,
                    const char *changes, const char *rows, char out[STORE_HASH_LEN]);

/* The rows written since the last entry, digested as they are now, as the
 * JSON text of an entry's rows column (*rows NULL when none); the list is
 * emptied. */
lf_store_err store_seal_take_rows(lf_store *st, char **rows);

/* Before a commit: rows written after the transaction's last entry get an
 * entry of their own ("audit.rows"), so no write goes unsealed. */
lf_store_err store_seal_flush(lf_store *st);

/* Append one entry whose rows column is given (NULL: none), sealed with the
 * key. store_audit_append is this with the rows taken from the list. */
lf_store_err store_audit_append_rows(lf_store *st, const char *action, const char *record,
                                     const char *changes_json, const char *rows);

/* Issue 11 (flow.c, for agency.c): one case event recorded inside the
 * body of another write, with lf_store_case_event's checks and effect. */
struct lf_event_in;
lf_store_err store_case_event_in(lf_store *st, const struct lf_event_in *ev, long long *seq);

/* Issues 13, 15 (query_code.c, for cases.c): mint the new case's query code
 * inside the registration's write; the code as stored into out (9 bytes).
 * An SQLite result code. */
int store_query_code_insert(lf_store *st, const char *case_id, const char *now, char out[9]);

#endif
