/* The audit log: append-only and hash-chained, so a row edited or deleted
 * behind laifang's back is found by `laifang check`. Part of the store
 * module. Every store write appends its entry inside its own transaction;
 * the calls here are for what is worth recording without a write (a case's
 * full file opened, an export) and for reading the log. */
#ifndef LAIFANG_STORE_AUDIT_H
#define LAIFANG_STORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "laifang/store.h"

/* Who the following writes are by. Until set (or with NULLs) entries are
 * recorded as "system" (set-up, migrations). Copies the strings. */
void lf_store_set_actor(lf_store *st, const char *user_id, const char *login);

/* Append one entry in its own transaction: action like "case.view",
 * "export", record the case/user id it concerns (or NULL), detail a JSON
 * object text (or NULL). */
lf_store_err lf_store_audit(lf_store *st, const char *action, const char *record, const char *detail_json);

/* One entry. hash = HMAC-SHA-256 (hex) with the office key over prev_hash
 * and this entry's fields (src/store/seal.c). prev_hash is not stored
 * (db/037): it is read from the entry before, 64 zeros for the first and ""
 * when that entry is gone. */
typedef struct lf_audit_entry {
	long long seq;
	char at[26];      /* ISO 8601 with offset */
	char *user_id;    /* NULL for "system" */
	char *login;
	char *action;     /* "case.register", "case.instruct", "user.add", "login.fail"... */
	char *record;     /* id of the case / user / unit concerned, or NULL */
	char *changes;    /* JSON object text, or NULL */
	char *rows;       /* JSON array of the rows written [table, key, digest|null, name?], or NULL
	                   * (the JSON text hashed; stored packed since db/038); NULL
	                   * unless the filter asked for them (with_rows) */
	char prev_hash[65];
	char hash[65];
} lf_audit_entry;

/* Which entries to read: any NULL/0 member does not filter. Newest first;
 * page with before_seq (keyset: entries with seq < before_seq). */
typedef struct lf_audit_filter {
	const char *record; /* a case id (or case number: the store resolves it), user id */
	const char *login;
	const char *day;    /* YYYY-MM-DD */
	long long before_seq;
	int limit;          /* 0: 100 */
	/* Paging the other way: entries with seq > after_seq; oldest_first
	 * reads in ascending seq (the first page from the oldest, or the page
	 * just newer than after_seq), each page one index seek. */
	long long after_seq;
	bool oldest_first;
	/* Fill each entry's rows (the JSON text, unpacked from db/038's
	 * bytes): only the tests that recompute a hash read them, and
	 * unpacking every entry of a page made the audit screen 3-8x raw. */
	bool with_rows;
} lf_audit_filter;

typedef int (*lf_audit_fn)(const lf_audit_entry *e, void *ud);
lf_store_err lf_store_audit_each(lf_store *st, const lf_audit_filter *f, lf_audit_fn fn, void *ud);

/* ---- the office key (issue 10) ----------------------------------------------
 * Entries are chained with HMAC-SHA-256 under the office key, a random
 * 32-byte key made with the database and kept outside it, in
 * $XDG_CONFIG_HOME/laifang/<database id>.key (mode 0600), or at the path of
 * the setting audit_key_file. Without the key nothing can be written (the
 * entry could not be sealed) and `laifang check` fails. */
typedef enum lf_seal_state {
	LF_SEAL_UNSEALED, /* an older log not sealed yet (opened read-only) */
	LF_SEAL_OK,
	LF_SEAL_NO_KEY,   /* the key file is not there */
	LF_SEAL_BAD_KEY,  /* something is there that is not a key file */
	LF_SEAL_KEY_UNREADABLE, /* the key file is there but cannot be read (permission, I/O) */
} lf_seal_state;

/* The state, and where the key file is (or should be) into key_path. */
lf_seal_state lf_store_seal_state(lf_store *st, char *key_path, size_t len);

/* True when the key's path came from the setting audit_key_file: a path
 * named inside the database, which whoever can write the file can point
 * at a key of their own (check says so). */
bool lf_store_key_by_setting(lf_store *st);

/* Write the key to a new file (O_EXCL|O_NOFOLLOW, 0600); audited. The
 * caller checks the permission (core). */
lf_store_err lf_store_key_export(lf_store *st, const char *file);

/* Put the key from file where this database's key goes. Only the key that
 * seals this database's log is taken (the newest entry's HMAC must
 * match), so no permission is needed: nothing else can be brought in. */
lf_store_err lf_store_key_import(lf_store *st, const char *file);

/* The head of the chain as the database has it: the last seq and hash. */
lf_store_err lf_store_audit_head(lf_store *st, long long *seq, char hash[65]);

/* lf_store_check, and also a problem when the log no longer holds entry
 * seq with hash hash (a head kept on paper: the newest entries deleted,
 * or the log rewritten). seq <= 0: no head to compare. */
int lf_store_check_expect(lf_store *st, long long seq, const char *hash, lf_problem_fn fn, void *ud);

#endif
