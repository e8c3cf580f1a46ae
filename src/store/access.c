/* Need to know in the store: the reader of a handle's lists, bound to the
 * readability clause (access_internal.h), and the facts of one case that
 * core's rule reads. */
#include "store_internal.h"
#include "access_internal.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"

void lf_store_set_reader(lf_store *st, const lf_case_reader *r)
{
	if (!st)
		return;
	memset(&st->reader, 0, sizeof st->reader);
	if (r)
		st->reader = *r;
	else
		st->reader.open = true;
}

static int bind_int_if(sql_stmt *s, const char *param, int v)
{
	int i = sql_bind_parameter_index(s, param);
	return i ? sql_bind_int(s, i, v) : SQL_OK;
}

/* "" binds NULL: a comparison with NULL is never true. */
static int bind_id_if(sql_stmt *s, const char *param, const char *v)
{
	int i = sql_bind_parameter_index(s, param);
	if (!i)
		return SQL_OK;
	return v && *v ? sql_bind_text(s, i, v, -1, SQL_TRANSIENT) : sql_bind_null(s, i);
}

int store_reader_bind(lf_store *st, sql_stmt *s)
{
	const lf_case_reader *r = &st->reader;
	int rc;
	if ((rc = bind_int_if(s, ":r_open", r->open)) || (rc = bind_int_if(s, ":r_all", r->all)) ||
	    (rc = bind_int_if(s, ":r_ref", r->referrals)) || (rc = bind_int_if(s, ":r_visit", r->visits)) ||
	    (rc = bind_id_if(s, ":r_uid", r->user_id)) || (rc = bind_id_if(s, ":r_unit", r->unit_id)))
		return rc;
	char today[LF_DATE_LEN] = "";
	if (r->today)
		lf_date_format(lf_date_today(), today);
	if ((rc = bind_id_if(s, ":r_today", today)))
		return rc;
	return SQL_OK;
}

void lf_case_facts_free(lf_case_facts *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_named; i++)
		free(f->named[i]);
	free(f->named);
	f->named = NULL;
	f->n_named = 0;
	for (size_t i = 0; i < f->n_co_units; i++)
		free(f->co_units[i]);
	free(f->co_units);
	f->co_units = NULL;
	f->n_co_units = 0;
}

static void copy_col(sql_stmt *s, int col, char *out, size_t len)
{
	const char *v = (const char *)sql_column_text(s, col);
	snprintf(out, len, "%s", v ? v : "");
}

lf_store_err lf_store_case_facts(lf_store *st, const char *case_no_or_id, lf_case_facts *out)
{
	static const char one[] =
		"SELECT c.id, c.case_no, EXISTS (SELECT 1 FROM unit u WHERE u.id = c.lead_unit_id AND u.kind = "
		"'discipline'), CASE WHEN c.visit_state IN ('waiting', 'interview') THEN 1 ELSE 0 END, c.receptionist_id, "
		"c.lead_unit_id, c.owner_id, c.instruction_leader_id, c.received_on FROM case_file c "
		"WHERE c.case_no = ?1 OR c.id = ?1";
	/* Everyone named on the case: signers and those who took a step. */
	static const char named[] = "SELECT signer_id FROM case_entry WHERE case_id = ?1 UNION "
	                            "SELECT user_id FROM case_event WHERE case_id = ?1 AND user_id IS NOT NULL";
	memset(out, 0, sizeof *out);
	sql_stmt *s = NULL;
	int rc = sql_prepare_v2(st->db, one, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, case_no_or_id ? case_no_or_id : "", -1, SQL_TRANSIENT);
	if (rc == SQL_OK)
		rc = sql_step(s);
	if (rc == SQL_DONE) {
		sql_finalize(s);
		char m[sizeof st->msg];
		snprintf(m, sizeof m, _("There is no case %s in the database %s."), case_no_or_id ? case_no_or_id : "",
		         st->path);
		return store_fail_msg(st, LF_STORE_NOTFOUND, m);
	}
	if (rc != SQL_ROW) {
		sql_finalize(s);
		return store_fail(st, rc);
	}
	copy_col(s, 0, out->case_id, sizeof out->case_id);
	copy_col(s, 1, out->case_no, sizeof out->case_no);
	out->referral = sql_column_int(s, 2) != 0;
	out->in_visit = sql_column_int(s, 3) != 0;
	copy_col(s, 4, out->receptionist_id, sizeof out->receptionist_id);
	copy_col(s, 5, out->lead_unit_id, sizeof out->lead_unit_id);
	copy_col(s, 6, out->owner_id, sizeof out->owner_id);
	copy_col(s, 7, out->instruction_leader_id, sizeof out->instruction_leader_id);
	copy_col(s, 8, out->received_on, sizeof out->received_on);
	sql_finalize(s);
	s = NULL;
	rc = sql_prepare_v2(st->db, named, -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, out->case_id, -1, SQL_TRANSIENT);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		const char *id = (const char *)sql_column_text(s, 0);
		char **v = realloc(out->named, (out->n_named + 1) * sizeof *v);
		char *copy = id ? strdup(id) : NULL;
		if (!v || !copy) {
			free(copy);
			if (v)
				out->named = v;
			rc = SQL_NOMEM;
			break;
		}
		out->named = v;
		out->named[out->n_named++] = copy;
		rc = SQL_OK;
	}
	sql_finalize(s);
	if (rc != SQL_DONE) {
		lf_case_facts_free(out);
		return store_fail(st, rc);
	}
	/* The co-agencies (issue 11): their handlers read the case too. */
	s = NULL;
	rc = sql_prepare_v2(st->db, "SELECT unit_id FROM case_unit WHERE case_id = ?1 AND role = 'co'", -1, &s, NULL);
	if (rc == SQL_OK)
		rc = sql_bind_text(s, 1, out->case_id, -1, SQL_TRANSIENT);
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		const char *id = (const char *)sql_column_text(s, 0);
		char **v = realloc(out->co_units, (out->n_co_units + 1) * sizeof *v);
		char *copy = id ? strdup(id) : NULL;
		if (!v || !copy) {
			free(copy);
			if (v)
				out->co_units = v;
			rc = SQL_NOMEM;
			break;
		}
		out->co_units = v;
		out->co_units[out->n_co_units++] = copy;
		rc = SQL_OK;
	}
	sql_finalize(s);
	if (rc != SQL_DONE) {
		lf_case_facts_free(out);
		return store_fail(st, rc);
	}
	return store_ok(st);
}
