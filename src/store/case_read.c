/* Reading cases back for the screens and the export, with the channel
 * form's own fields, and recognising a returning visitor by their document
 * (saving: cases.c). */
#include "store_internal.h"

#include "access_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

#define bind_text store_bind_text
#define done store_done

static bool empty(const char *s)
{
	return !s || !*s;
}

static lf_store_err out_of_memory(lf_store *st)
{
	return store_fail_msg(st, LF_STORE_IO, _("Out of memory while reading the database."));
}

/* The channel form's own fields of a case (schema 24) into c. */
static lf_store_err store_case_intake(lf_store *st, lf_case *c)
{
	sql_stmt *s = store_stmt(st, STMT_INTAKE_READ,
	                         "SELECT field, value FROM case_intake WHERE case_id = :case_id ORDER BY field");
	int rc;
	if (!s)
		return st->err;
	if ((rc = bind_text(s, ":case_id", c->case_id)) != SQL_OK) {
		done(s);
		return store_fail(st, rc);
	}
	while ((rc = sql_step(s)) == SQL_ROW) {
		char **ids = realloc(c->intake_ids, (c->n_intake + 1) * sizeof *ids);
		if (ids)
			c->intake_ids = ids;
		char **vals = ids ? realloc(c->intake_values, (c->n_intake + 1) * sizeof *vals) : NULL;
		if (vals)
			c->intake_values = vals;
		const char *f = (const char *)sql_column_text(s, 0), *v = (const char *)sql_column_text(s, 1);
		char *fd = ids && vals ? strdup(f ? f : "") : NULL, *vd = fd ? strdup(v ? v : "") : NULL;
		if (!vd) {
			free(fd);
			done(s);
			return out_of_memory(st);
		}
		c->intake_ids[c->n_intake] = fd;
		c->intake_values[c->n_intake] = vd;
		c->n_intake++;
	}
	done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

/* ---- a returning visitor --------------------------------------------- */

static char *dup_column(sql_stmt *s, int col, bool *oom)
{
	const char *v = (const char *)sql_column_text(s, col);
	if (empty(v))
		return NULL;
	char *d = strdup(v);
	if (!d)
		*oom = true;
	return d;
}

lf_store_err lf_store_find_visitor(lf_store *st, const char *id_number, lf_visitor_info *info)
{
	return lf_store_find_visitor_doc(st, NULL, id_number, info);
}

lf_store_err lf_store_find_visitor_doc(lf_store *st, const char *doc_type, const char *doc_key,
                                       lf_visitor_info *info)
{
	/* The ID number's unique index finds the person; their cases come from
	 * case_visitor's visitor index, the latest by the date received. */
	static const char sql[] =
		"SELECT v.name, v.sex, v.phone, v.address, v.doc_number, "
		"(SELECT count(*) FROM case_visitor n WHERE n.visitor_id = v.id), c.received_on, c.case_no "
		"FROM visitor v LEFT JOIN case_file c ON c.id = ("
		" SELECT l.case_id FROM case_visitor l JOIN case_file f ON f.id = l.case_id"
		" WHERE l.visitor_id = v.id ORDER BY f.received_on DESC, f.year DESC, f.number DESC LIMIT 1) "
		"WHERE v.id_number IN (:id_number, :legacy) ORDER BY v.id_number = :id_number DESC LIMIT 1";
	sql_stmt *s = store_stmt(st, STMT_FIND_VISITOR, sql);
	lf_visitor_info got = {0};
	bool oom = false;
	int rc;

	memset(info, 0, sizeof *info);
	if (!s)
		return st->err;
	char key[512], fresh[STORE_UUID_LEN] = "";
	store_person p = {.doc_type = doc_type, .doc_key = doc_key};
	store_person_key(&p, fresh, key, sizeof key);
	char legacy[16];
	store_legacy_key(key, legacy);
	bool card = empty(doc_type) || !strcmp(doc_type, "居民身份证");
	if ((rc = bind_text(s, ":id_number", key)) != SQL_OK ||
	    (rc = bind_text(s, ":legacy", card && legacy[0] ? legacy : key)) != SQL_OK)
		goto fail;
	rc = sql_step(s);
	if (rc == SQL_DONE) {
		done(s);
		return store_fail_msg(st, LF_STORE_NOTFOUND, _("No visitor with this ID number."));
	}
	if (rc != SQL_ROW)
		goto fail;
	got.name = dup_column(s, 0, &oom);
	got.sex = dup_column(s, 1, &oom);
	got.phone = dup_column(s, 2, &oom);
	got.address = dup_column(s, 3, &oom);
	got.doc_number = dup_column(s, 4, &oom);
	got.n_cases = sql_column_int(s, 5);
	const char *date = (const char *)sql_column_text(s, 6);
	const char *no = (const char *)sql_column_text(s, 7);
	snprintf(got.last_date, sizeof got.last_date, "%s", date ? date : "");
	snprintf(got.last_case_no, sizeof got.last_case_no, "%s", no ? no : "");
	done(s);
	if (oom) {
		lf_visitor_info_free(&got);
		return out_of_memory(st);
	}
	*info = got;
	return store_ok(st);
fail:
	done(s);
	return store_fail(st, rc);
}

/* ---- reading cases ---------------------------------------------------- */

/* The sheet's visitor (position 0) with the words written on that visit;
 * the ID number is the person's. */
#define CASE_SELECT                                                                                  \
	"SELECT c.id, c.case_no, c.created_at, c.status, c.channel, c.receptionist, c.received_on, "     \
	"CASE WHEN c.anonymous <> 0 THEN '匿名' ELSE cv.name END, cv.sex, cv.phone, " STORE_DOC_SHOWN ", " \
	"cv.address, c.content, c.instruction, "                                                           \
	"c.instruction_signer, c.instruction_date, c.handling, c.handling_signer, c.handling_date, "      \
	"c.is_repeat, CASE WHEN c.anonymous = 0 THEN coalesce(cv.doc_type, '居民身份证') END, cv.doc_note, "   \
	"CASE WHEN cv.doc_type IS NOT NULL AND coalesce(v.doc_number, v.id_number) IS DISTINCT FROM cv.doc_number "  \
	"AND v.doc_type <> '无证件' THEN coalesce(v.doc_number, v.id_number) END, c.kind, c.anonymous " \
	"FROM case_file c LEFT JOIN case_visitor cv ON cv.case_id = c.id AND cv.position = 0 "           \
	"LEFT JOIN visitor v ON v.id = cv.visitor_id "

/* Fill c from the current row (columns in CASE_SELECT order). */
static bool row_to_case(sql_stmt *s, lf_case *c)
{
	char **fields[] = {
		&c->case_id, &c->case_no, &c->created_at, &c->status, &c->channel, &c->receptionist,
		&c->received_on, &c->name, &c->sex, &c->phone, &c->id_number, &c->address, &c->content,
		&c->instruction, &c->instruction_signer, &c->instruction_date, &c->handling,
		&c->handling_signer, &c->handling_date,
	};
	bool oom = false;
	int n = (int)(sizeof fields / sizeof fields[0]);
	memset(c, 0, sizeof *c);
	for (int i = 0; i < n; i++)
		*fields[i] = dup_column(s, i, &oom);
	c->repeat = sql_column_int(s, n) != 0;
	c->doc_type = dup_column(s, n + 1, &oom);
	c->doc_note = dup_column(s, n + 2, &oom);
	c->id_record = dup_column(s, n + 3, &oom);
	c->kind = dup_column(s, n + 4, &oom);
	c->anonymous = sql_column_int(s, n + 5) != 0;
	if (oom)
		lf_case_free(c);
	return !oom;
}

/* Hand each row of a bound cached statement to fn. The callback must not
 * run the same query again (the statement is in use). */
static lf_store_err each_row(lf_store *st, sql_stmt *s, lf_case_fn fn, void *ud)
{
	int rc;
	while ((rc = sql_step(s)) == SQL_ROW) {
		lf_case c;
		if (!row_to_case(s, &c)) {
			done(s);
			return out_of_memory(st);
		}
		/* Each signed entry with its own signer (issue 11). */
		if (lf_store_case_entries(st, c.case_id, &c) != LF_STORE_OK ||
		    store_case_people_fill(st, &c) != LF_STORE_OK) {
			lf_case_free(&c);
			done(s);
			return st->err;
		}
		int stop = fn(&c, ud);
		lf_case_free(&c);
		if (stop) {
			rc = SQL_DONE;
			break;
		}
	}
	done(s);
	return rc == SQL_DONE ? store_ok(st) : store_fail(st, rc);
}

lf_store_err lf_store_cases_on(lf_store *st, const char *date, lf_case_fn fn, void *ud)
{
	/* All of a day's cases share a year, so the higher number is the later
	 * registration; (received_on, number) serves both filter and order. */
	sql_stmt *s = store_stmt(st, STMT_CASES_ON,
	                             CASE_SELECT "WHERE c.received_on = :date AND " STORE_READABLE
	                             " ORDER BY c.number DESC");
	int rc;
	if (!s)
		return st->err;
	if ((rc = bind_text(s, ":date", date)) != SQL_OK || (rc = store_reader_bind(st, s)) != SQL_OK) {
		done(s);
		return store_fail(st, rc);
	}
	return each_row(st, s, fn, ud);
}

lf_store_err lf_store_cases_on_page(lf_store *st, const char *date, int from, bool up, int limit, lf_case_fn fn,
                                    void *ud)
{
	/* A range of (received_on, number) from the key, in the index's order
	 * down or up: no sort, however many cases the day has. */
	sql_stmt *s = up ? store_stmt(st, STMT_CASES_ON_UP,
	                              CASE_SELECT "WHERE c.received_on = :date AND c.number > :from AND " STORE_READABLE
	                                          " ORDER BY c.number LIMIT :limit")
	                 : store_stmt(st, STMT_CASES_ON_DOWN,
	                              CASE_SELECT "WHERE c.received_on = :date AND c.number < :from AND " STORE_READABLE
	                                          " ORDER BY c.number DESC LIMIT :limit");
	int rc;
	if (!s)
		return st->err;
	if (from <= 0)
		from = up ? 0 : INT_MAX; /* from the day's oldest or newest */
	if ((rc = bind_text(s, ":date", date)) != SQL_OK ||
	    (rc = sql_bind_int(s, sql_bind_parameter_index(s, ":from"), from)) != SQL_OK ||
	    (rc = sql_bind_int(s, sql_bind_parameter_index(s, ":limit"), limit > 0 ? limit : 50)) != SQL_OK ||
	    (rc = store_reader_bind(st, s)) != SQL_OK) {
		done(s);
		return store_fail(st, rc);
	}
	return each_row(st, s, fn, ud);
}

lf_store_err lf_store_cases_on_count(lf_store *st, const char *date, long cap, long *n)
{
	sql_stmt *s = store_stmt(st, STMT_CASES_ON_COUNT,
	                         "SELECT count(*) FROM (SELECT 1 FROM case_file c WHERE c.received_on = :date AND "
	                         STORE_READABLE " LIMIT :cap) t");
	int rc;
	*n = 0;
	if (!s)
		return st->err;
	if ((rc = bind_text(s, ":date", date)) != SQL_OK ||
	    (rc = sql_bind_int64(s, sql_bind_parameter_index(s, ":cap"), cap > 0 ? cap + 1 : LLONG_MAX)) != SQL_OK ||
	    (rc = store_reader_bind(st, s)) != SQL_OK) {
		done(s);
		return store_fail(st, rc);
	}
	if ((rc = sql_step(s)) == SQL_ROW)
		*n = (long)sql_column_int64(s, 0);
	done(s);
	return rc == SQL_ROW ? store_ok(st) : store_fail(st, rc);
}

lf_store_err lf_store_each_case(lf_store *st, lf_case_fn fn, void *ud)
{
	/* By year, then number: the UNIQUE (year, number) index, no sort. */
	/* Streamed: every case of the office, a batch at a time on PostgreSQL. */
	sql_stmt *s = store_stmt_stream(st, STMT_EACH_CASE,
	                                CASE_SELECT "WHERE " STORE_READABLE " ORDER BY c.year, c.number");
	if (!s)
		return st->err;
	int rc = store_reader_bind(st, s);
	if (rc != SQL_OK) {
		done(s);
		return store_fail(st, rc);
	}
	return each_row(st, s, fn, ud);
}

lf_store_err lf_store_each_case_after(lf_store *st, const char *after_case_no, int limit, lf_case_fn fn, void *ud)
{
	/* (year, number) after the given number's: the UNIQUE (year, number)
	 * index from that key, no sort, no statement left open between pages. */
	int year = 0, number = 0;
	if (after_case_no && *after_case_no && sscanf(after_case_no, "%d-%d", &year, &number) != 2)
		return store_fail_msg(st, LF_STORE_INVALID, _("Not a case number."));
	sql_stmt *s = store_stmt(st, STMT_EACH_CASE_AFTER,
	                         CASE_SELECT "WHERE (c.year, c.number) > (:year, :number) AND " STORE_READABLE
	                                     " ORDER BY c.year, c.number LIMIT :limit");
	if (!s)
		return st->err;
	int rc;
	if ((rc = store_bind_int(s, ":year", year)) != SQL_OK || (rc = store_bind_int(s, ":number", number)) != SQL_OK ||
	    (rc = store_bind_int(s, ":limit", limit > 0 ? limit : 1000)) != SQL_OK ||
	    (rc = store_reader_bind(st, s)) != SQL_OK) {
		done(s);
		return store_fail(st, rc);
	}
	return each_row(st, s, fn, ud);
}

lf_store_err lf_store_get_case(lf_store *st, const char *case_no_or_id, lf_case *out)
{
	sql_stmt *s = store_stmt(st, STMT_GET_CASE, CASE_SELECT "WHERE c.case_no = :key OR c.id = :key");
	int rc;
	char m[sizeof st->msg];

	memset(out, 0, sizeof *out);
	if (!s)
		return st->err;
	if ((rc = bind_text(s, ":key", case_no_or_id)) != SQL_OK) {
		done(s);
		return store_fail(st, rc);
	}
	rc = sql_step(s);
	if (rc == SQL_ROW) {
		bool ok = row_to_case(s, out);
		done(s);
		if (!ok)
			return out_of_memory(st);
		lf_store_err e = lf_store_case_entries(st, out->case_id, out);
		if (e == LF_STORE_OK)
			e = store_case_intake(st, out);
		if (e == LF_STORE_OK)
			e = store_case_people_fill(st, out);
		if (e != LF_STORE_OK)
			lf_case_free(out);
		return e;
	}
	done(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	snprintf(m, sizeof m, _("There is no case %s in the database %s."), case_no_or_id ? case_no_or_id : "",
	         st->path);
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

/* The case's id and number by id or number; NOTFOUND with a sentence. */
lf_store_err store_case_key(lf_store *st, const char *key, char id[STORE_UUID_LEN], char no[32])
{
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, "SELECT id, case_no FROM case_file WHERE id = ?1 OR case_no = ?1", -1, &s,
	                            NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, key ? key : "", -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_ROW) {
		snprintf(id, STORE_UUID_LEN, "%s", (const char *)sql_column_text(s, 0));
		snprintf(no, 32, "%s", (const char *)sql_column_text(s, 1));
		sql_finalize(s);
		return LF_STORE_OK;
	}
	sql_finalize(s);
	if (rc != SQL_DONE)
		return store_fail(st, rc);
	char m[sizeof st->msg];
	snprintf(m, sizeof m, _("There is no case %s in the database %s."), key ? key : "", st->path);
	return store_fail_msg(st, LF_STORE_NOTFOUND, m);
}

lf_store_err store_case_rows(lf_store *st, const char *key, const char *sql, store_row_fn fn, void *ud)
{
	char id[STORE_UUID_LEN], no[32];
	lf_store_err e = store_case_key(st, key, id, no);
	if (e != LF_STORE_OK)
		return e;
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, id, -1, SQL_TRANSIENT);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		rc = SQL_OK;
		if (fn(s, ud)) {
			rc = SQL_DONE;
			break;
		}
	}
	sql_finalize(s);
	return rc == SQL_DONE || rc == SQL_OK ? store_ok(st) : store_fail(st, rc);
}
