/* The exchange between offices (store_exchange.h): trusted offices, the
 * packages sent and received, their documents. No rule is checked here:
 * office/exchange*.c decides (and checks the signatures), then calls these. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/store_exchange.h"

static bool empty(const char *s)
{
	return !s || !*s;
}

static lf_store_err oom(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while using the database."));
}

/* Prepare sql, bind the named texts (names[i] ↔ values[i]), step once:
 * SQL_DONE / SQL_ROW or the failing code; the statement is finalized. */
static int run(lf_store *st, const char *sql, const char *const *names, const char *const *values, size_t n)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	for (size_t i = 0; rc == SQL_OK && i < n; i++)
		rc = store_bind_text(s, names[i], values[i]);
	if (rc == SQL_OK)
		rc = sql_step(s);
	sql_finalize(s);
	return rc;
}

static lf_store_err audit(lf_store *st, const char *action, const char *record, json_t *o)
{
	char *changes = store_json_take(o);
	if (!changes)
		return oom(st);
	lf_store_err e = store_audit_append(st, action, record, changes);
	free(changes);
	return e;
}

/* ---- trusted offices ---- */

typedef struct peer_ctx {
	const char *name, *key, *db;
	bool set_db;
} peer_ctx;

static lf_store_err peer_body(lf_store *st, void *ctx)
{
	peer_ctx *x = ctx;
	char now[LF_TIMESTAMP_LEN];
	lf_timestamp_now(now, sizeof now);
	int rc;
	if (!x->set_db) {
		static const char *const names[] = {":name", ":key", ":now"};
		const char *values[] = {x->name, x->key, now};
		rc = run(st,
		         "INSERT INTO exchange_peer (name, public_key, added_at) VALUES (:name, :key, :now) "
		         "ON CONFLICT (name) DO UPDATE SET public_key = excluded.public_key, added_at = excluded.added_at",
		         names, values, 3);
	} else {
		static const char *const names[] = {":name", ":db"};
		const char *values[] = {x->name, x->db};
		rc = run(st, "UPDATE exchange_peer SET db = :db WHERE name = :name", names, values, 2);
		if (rc == SQL_DONE && sql_changes(st->db) == 0) {
			char m[sizeof st->msg];
			snprintf(m, sizeof m, _("The office %s is not trusted yet: laifang exchange trust %s PUBLIC_KEY first."),
			         x->name, x->name);
			return store_fail_msg(st, LF_STORE_NOTFOUND, m);
		}
	}
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	json_t *o = json_object();
	if (!o)
		return oom(st);
	store_json_set(o, "name", x->name);
	if (!x->set_db)
		store_json_set(o, "public_key", x->key);
	else
		store_json_set(o, "db", empty(x->db) ? "-" : "set");
	return audit(st, x->set_db ? "exchange.peer" : "exchange.trust", NULL, o);
}

lf_store_err lf_store_exchange_trust(lf_store *st, const char *name, const char *public_key)
{
	if (empty(name) || !public_key || strlen(public_key) != 64)
		return store_fail_msg(st, LF_STORE_INVALID, _("A trusted office needs its name and public key."));
	peer_ctx x = {.name = name, .key = public_key};
	return store_write(st, peer_body, &x);
}

lf_store_err lf_store_exchange_peer_db(lf_store *st, const char *name, const char *db)
{
	peer_ctx x = {.name = name ? name : "", .db = db, .set_db = true};
	return store_write(st, peer_body, &x);
}

lf_store_err lf_store_exchange_peers(lf_store *st, const char *name, lf_exchange_peer_fn fn, void *ud)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                        "SELECT name, public_key, db, added_at FROM exchange_peer "
	                        "WHERE coalesce(:name, '') = '' OR name = :name ORDER BY name",
	                        -1, &s, NULL);
	if (rc == SQL_OK)
		rc = store_bind_text(s, ":name", name);
	int n = 0;
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		n++;
		rc = SQL_OK;
		if (fn && fn((const char *)sql_column_text(s, 0), (const char *)sql_column_text(s, 1),
		             (const char *)sql_column_text(s, 2), (const char *)sql_column_text(s, 3), ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	if (!empty(name) && n == 0) {
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("The office %s is not trusted: laifang exchange trust %s PUBLIC_KEY registers it."),
		         name, name);
		return store_fail_msg(st, LF_STORE_NOTFOUND, m);
	}
	return store_ok(st);
}

/* ---- packages ---- */

static lf_store_err record_body(lf_store *st, void *ctx)
{
	const lf_exchange_rec *r = ctx;
	char id[STORE_UUID_LEN], no[32], now[LF_TIMESTAMP_LEN];
	lf_store_err e = store_case_key(st, r->case_id, id, no);
	if (e == LF_STORE_OK)
		e = store_case_gate(st, id);
	if (e != LF_STORE_OK)
		return e;
	lf_timestamp_now(now, sizeof now);
	static const char *const names[] = {":id", ":dir", ":kind", ":case", ":peer", ":key", ":pcase", ":pno", ":at",
	                                    ":sha"};
	const char *values[] = {r->id, r->direction, r->kind, id, r->peer, r->peer_key, r->peer_case_id,
	                        r->peer_case_no, now, r->sha256};
	int rc = run(st,
	             "INSERT INTO exchange_package (id, direction, kind, case_id, peer, peer_key, peer_case_id, "
	             "peer_case_no, at, sha256) VALUES (:id, :dir, :kind, :case, :peer, :key, :pcase, :pno, :at, :sha)",
	             names, values, 10);
	if (rc != SQL_DONE) {
		int ext = sql_extended_errcode(st->db);
		if (ext == SQL_CONSTRAINT_PRIMARYKEY || ext == SQL_CONSTRAINT_UNIQUE) {
			char m[sizeof st->msg];
			snprintf(m, sizeof m, _("The package %s is recorded already: it was imported or sent before."),
			         r->id ? r->id : "");
			return store_fail_msg(st, LF_STORE_CONFLICT, m);
		}
		return store_is_archive_lock(st) ? store_archive_lock_fail(st) : store_fail(st, rc);
	}
	for (size_t i = 0; i < r->n_docs; i++) {
		const lf_exchange_doc *d = &r->docs[i];
		sql_stmt *s = NULL;
		rc = sql_prepare_v2(st->db,
		                    "INSERT INTO exchange_document (package_id, n, case_id, name, sha256, size, type) "
		                    "VALUES (:id, :n, :case, :name, :sha, :size, :type)",
		                    -1, &s, NULL);
		if (rc == SQL_OK && (rc = store_bind_text(s, ":id", r->id)) == SQL_OK &&
		    (rc = store_bind_int(s, ":n", (long long)i + 1)) == SQL_OK &&
		    (rc = store_bind_text(s, ":case", id)) == SQL_OK && (rc = store_bind_text(s, ":name", d->name)) == SQL_OK &&
		    (rc = store_bind_text(s, ":sha", d->sha256)) == SQL_OK &&
		    (rc = store_bind_int(s, ":size", d->size)) == SQL_OK)
			rc = store_bind_text(s, ":type", d->type);
		if (rc == SQL_OK)
			rc = sql_step(s);
		sql_finalize(s);
		if (rc != SQL_DONE)
			return store_is_archive_lock(st) ? store_archive_lock_fail(st) : store_fail(st, rc);
	}
	/* An incoming case keeps where it came from among its own facts. */
	bool origin = !strcmp(r->direction, "in") &&
	              (!strcmp(r->kind, "transfer") || !strcmp(r->kind, "assign") || !strcmp(r->kind, "review"));
	const char *fields[][2] = {{"from_office", r->peer}, {"from_case_no", r->peer_case_no},
	                           {"from_answer", r->origin_answer}};
	for (size_t i = 0; origin && i < 3; i++) {
		if (empty(fields[i][1]))
			continue;
		static const char *const n3[] = {":case", ":field", ":value"};
		const char *v3[] = {id, fields[i][0], fields[i][1]};
		rc = run(st,
		         "INSERT INTO case_intake (case_id, field, value) VALUES (:case, :field, :value) "
		         "ON CONFLICT (case_id, field) DO NOTHING",
		         n3, v3, 3);
		if (rc != SQL_DONE)
			return store_is_archive_lock(st) ? store_archive_lock_fail(st) : store_fail(st, rc);
	}
	json_t *o = json_object();
	if (!o)
		return oom(st);
	store_json_set(o, "case_no", no);
	store_json_set(o, "package", r->id);
	store_json_set(o, "kind", r->kind);
	store_json_set(o, "peer", r->peer);
	store_json_set(o, "peer_key", r->peer_key);
	store_json_set(o, "peer_case_no", r->peer_case_no);
	store_json_set(o, "sha256", r->sha256);
	json_object_set_new(o, "documents", json_integer((json_int_t)r->n_docs));
	return audit(st, !strcmp(r->direction, "out") ? "exchange.out" : "exchange.in", id, o);
}

lf_store_err lf_store_exchange_record(lf_store *st, const lf_exchange_rec *r)
{
	if (!r || empty(r->id) || empty(r->kind) || empty(r->peer) || empty(r->peer_key) || empty(r->sha256) ||
	    !r->direction || (strcmp(r->direction, "in") && strcmp(r->direction, "out")))
		return store_fail_msg(st, LF_STORE_INVALID, _("A package needs its id, kind, office and digest."));
	return store_write(st, record_body, (void *)r);
}

lf_store_err lf_store_exchange_packages(lf_store *st, const char *case_key, const char *id, lf_exchange_row_fn fn,
                                        void *ud)
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                        "SELECT p.id, p.direction, p.kind, p.case_id, c.case_no, p.peer, p.peer_key, "
	                        "p.peer_case_id, p.peer_case_no, p.at, p.sha256 FROM exchange_package p "
	                        "JOIN case_file c ON c.id = p.case_id "
	                        "WHERE (coalesce(:case, '') = '' OR c.id = :case OR c.case_no = :case) AND (coalesce(:id, '') = '' OR p.id = :id) "
	                        "ORDER BY p.at, p.id",
	                        -1, &s, NULL);
	if (rc == SQL_OK && (rc = store_bind_text(s, ":case", case_key)) == SQL_OK)
		rc = store_bind_text(s, ":id", id);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
#define T(i) ((const char *)sql_column_text(s, i))
		lf_exchange_row r = {T(0), T(1), T(2), T(3), T(4), T(5), T(6), T(7), T(8), T(9), T(10)};
#undef T
		rc = SQL_OK;
		if (fn(&r, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

lf_store_err lf_store_exchange_case_files(lf_store *st, const char *key, lf_exchange_doc_fn fn, void *ud)
{
	char id[STORE_UUID_LEN], no[32];
	lf_store_err e = store_case_key(st, key, id, no);
	if (e != LF_STORE_OK)
		return e;
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db,
	                        "SELECT name, sha256, type, size FROM (SELECT d.name AS name, d.sha256 AS sha256, "
	                        "d.type AS type, d.size AS size FROM exchange_document d WHERE d.case_id = :case "
	                        "UNION SELECT a.file_name, a.file_sha256, a.file_type, a.file_size FROM case_agency_answer a "
	                        "WHERE a.case_id = :case AND a.file_sha256 IS NOT NULL) f ORDER BY name, sha256",
	                        -1, &s, NULL);
	if (rc == SQL_OK)
		rc = store_bind_text(s, ":case", id);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		lf_exchange_doc d = {(const char *)sql_column_text(s, 0), (const char *)sql_column_text(s, 1),
		                     (const char *)sql_column_text(s, 2), sql_column_int64(s, 3)};
		rc = SQL_OK;
		if (fn(&d, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}
