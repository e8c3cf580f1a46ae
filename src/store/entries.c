/* A case's signed entries read back (issue 11): each with its own signer
 * and time, and the sheet's instruction / handling fields joined from them,
 * so no reader shows only the latest signature. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/i18n.h"

#define done store_done

static char *dup_text(sql_stmt *s, int col, bool *oom)
{
	const char *v = (const char *)sql_column_text(s, col);
	char *d = strdup(v ? v : "");
	if (!d)
		*oom = true;
	return d;
}

static void entries_free(lf_case *c)
{
	for (size_t i = 0; i < c->n_entries; i++) {
		free(c->entries[i].kind);
		free(c->entries[i].text);
		free(c->entries[i].signer_name);
		free(c->entries[i].signed_at);
	}
	free(c->entries);
	c->entries = NULL;
	c->n_entries = 0;
}

/* Append s to *buf (length *len) after sep when *buf is not empty. */
static bool append(char **buf, size_t *len, const char *sep, const char *s)
{
	size_t ns = strlen(sep), n = strlen(s);
	char *b = realloc(*buf, *len + ns + n + 1);
	if (!b)
		return false;
	if (*len) {
		memcpy(b + *len, sep, ns);
		*len += ns;
	}
	memcpy(b + *len, s, n + 1);
	*len += n;
	*buf = b;
	return true;
}

/* The kind's text, signers and times joined in order into the sheet's
 * fields; the fields are left as stored when the kind has no entry (a case
 * imported from paper keeps what the paper said). */
static bool join_kind(lf_case *c, const char *kind, char **text, char **signer, char **date)
{
	char *t = NULL, *n = NULL, *d = NULL;
	size_t tl = 0, nl = 0, dl = 0;
	bool any = false, ok = true;
	for (size_t i = 0; ok && i < c->n_entries; i++) {
		const lf_case_entry *e = &c->entries[i];
		if (strcmp(e->kind, kind))
			continue;
		char at[17];
		snprintf(at, sizeof at, "%s", e->signed_at);
		if (at[10] == 'T')
			at[10] = ' ';
		if (!any) {
			/* the first of each: not appended after an empty start */
			ok = (t = strdup(e->text)) && (n = strdup(e->signer_name)) && (d = strdup(at));
			tl = t ? strlen(t) : 0;
			nl = n ? strlen(n) : 0;
			dl = d ? strlen(d) : 0;
		} else {
			ok = append(&t, &tl, "\n", e->text) && append(&n, &nl, "；", e->signer_name) &&
			     append(&d, &dl, "；", at);
		}
		any = true;
	}
	if (!ok) {
		free(t);
		free(n);
		free(d);
		return false;
	}
	if (any) {
		free(*text);
		free(*signer);
		free(*date);
		*text = t;
		*signer = n;
		*date = d;
	}
	return true;
}

lf_store_err lf_store_case_entries(lf_store *st, const char *case_key, lf_case *c)
{
	/* The UNIQUE (case_id, kind, position) index: kinds in their order. */
	sql_stmt *s = store_stmt(st, STMT_CASE_ENTRIES,
	                             "SELECT n.kind, n.position, n.text, n.signer_name, n.signed_at, n.refers "
	                             "FROM case_entry n WHERE n.case_id = (SELECT id FROM case_file "
	                             "WHERE id = :key OR case_no = :key) ORDER BY n.kind, n.position");
	if (!s)
		return st->err;
	entries_free(c);
	int rc = store_bind_text(s, ":key", case_key);
	bool oom = false;
	size_t cap = 0;
	while (rc == SQL_OK && (rc = sql_step(s)) == SQL_ROW) {
		if (c->n_entries == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			lf_case_entry *a = realloc(c->entries, ncap * sizeof *a);
			if (!a) {
				oom = true;
				break;
			}
			c->entries = a;
			cap = ncap;
		}
		lf_case_entry *e = &c->entries[c->n_entries++];
		memset(e, 0, sizeof *e);
		e->kind = dup_text(s, 0, &oom);
		e->position = sql_column_int(s, 1);
		e->text = dup_text(s, 2, &oom);
		e->signer_name = dup_text(s, 3, &oom);
		e->signed_at = dup_text(s, 4, &oom);
		e->refers = sql_column_int(s, 5);
		rc = SQL_OK;
	}
	done(s);
	if (!oom && rc != SQL_OK && rc != SQL_DONE)
		return store_fail(st, rc);
	if (oom || !join_kind(c, "instruction", &c->instruction, &c->instruction_signer, &c->instruction_date) ||
	    !join_kind(c, "handling", &c->handling, &c->handling_signer, &c->handling_date)) {
		entries_free(c);
		return store_fail_msg(st, LF_STORE_IO, _("Out of memory while reading the database."));
	}
	return store_ok(st);
}

