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

/* One entry. hash = SHA-256 (hex) over prev_hash and this entry's fields. */
typedef struct lf_audit_entry {
	long long seq;
	char at[26];      /* ISO 8601 with offset */
	char *user_id;    /* NULL for "system" */
	char *login;
	char *action;     /* "case.register", "case.instruct", "user.add", "login.fail"... */
	char *record;     /* id of the case / user / unit concerned, or NULL */
	char *changes;    /* JSON object text, or NULL */
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
} lf_audit_filter;

typedef int (*lf_audit_fn)(const lf_audit_entry *e, void *ud);
lf_store_err lf_store_audit_each(lf_store *st, const lf_audit_filter *f, lf_audit_fn fn, void *ud);

#endif
