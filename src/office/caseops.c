/* What a person does to a case, permission first: opening the full file
 * (logged; ID and phone masked for roles that do not need them) and a
 * leader's signed instruction. */
#include "laifang/caseops.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/access.h"
#include "laifang/auth.h"
#include "laifang/caseflow.h"
#include "laifang/date.h"
#include "laifang/deadline.h"
#include "laifang/i18n.h"
#include "laifang/mask.h"
#include "laifang/store_audit.h"
#include "laifang/text.h"

#define INSTRUCTION_MAX_CHARS 2000

__attribute__((format(printf, 5, 6)))
static lf_store_err refuse(lf_store *st, lf_store_err kind, char *msg, size_t len, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lf_store_set_error(st, kind, buf);
	if (msg && len)
		snprintf(msg, len, "%s", buf);
	return kind;
}

/* Replace *field with its masked form. */
static void mask_field(char **field, void (*mask)(const char *, char *, size_t))
{
	if (!*field)
		return;
	size_t n = strlen(*field) + 1;
	char *m = malloc(n);
	if (m)
		mask(*field, m, n);
	/* Out of memory: better nothing than the number in full. */
	free(*field);
	*field = m;
}

lf_store_err lf_case_open(lf_store *st, const lf_user *actor, const char *case_no_or_id, lf_case *out)
{
	memset(out, 0, sizeof *out);
	if (!actor || !actor->active) {
		char why[512];
		lf_require(actor, LF_PERM_VIEW_FULL_ID, why, sizeof why);
		return refuse(st, LF_STORE_DENIED, NULL, 0, "%s", why);
	}
	/* Need to know first: a case the actor may not read is not opened. */
	lf_store_err e = lf_case_require_readable(st, actor, case_no_or_id ? case_no_or_id : "", "open", NULL, 0);
	if (e == LF_STORE_OK)
		e = lf_store_get_case(st, case_no_or_id ? case_no_or_id : "", out);
	if (e != LF_STORE_OK)
		return e;
	/* Who opened whose file, and whether they saw the numbers in full. */
	bool full = lf_can(actor->roles, LF_PERM_VIEW_FULL_ID);
	e = lf_store_audit(st, "case.view", out->case_id, full ? "{\"full\":true}" : "{\"full\":false}");
	if (e != LF_STORE_OK) {
		/* A view that cannot be logged is not shown. */
		lf_case_free(out);
		memset(out, 0, sizeof *out);
		return e;
	}
	if (!full) {
		mask_field(&out->id_number, lf_mask_id_number);
		mask_field(&out->id_record, lf_mask_id_number);
		mask_field(&out->phone, lf_mask_phone);
	}
	return LF_STORE_OK;
}

/* An instruction asks for a handling report within 7 working days (seed
 * 000), whatever state the case is in: the store opens its clock with the
 * signed entry (clocks.h). Here only the warning when that due date lies
 * past the office calendar's last year. */
static void report_deadline(lf_store *st, char *msg, size_t len)
{
	const lf_calendar *cal = lf_office_calendar(st);
	lf_date due = lf_deadline_due(cal, LF_DL_REPORT, lf_date_today());
	char day[LF_DATE_LEN];
	lf_date_format(due, day);
	if (!lf_calendar_covers(cal, due) && msg && len)
		snprintf(msg, len,
		         _("The report deadline %s falls after %d, the last year of the holiday calendar: it is "
		           "estimated from the statutory holidays, without that year's make-up working days. "
		           "Import the next year's arrangement (laifang calendar import)."),
		         day, lf_calendar_last_year(cal));
}

lf_store_err lf_case_instruct(lf_store *st, const lf_user *actor, const char *case_id, const char *text,
                              char *msg, size_t len)
{
	char why[512];
	if (!lf_require(actor, LF_PERM_INSTRUCT, why, sizeof why))
		return refuse(st, LF_STORE_DENIED, msg, len, "%s", why);

	char *clean = lf_text_clean(text ? text : "", text ? strlen(text) : 0, true, NULL);
	if (!clean)
		return refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	lf_text_trim_lines(clean); /* the paragraph indents stay */
	lf_store_err e = LF_STORE_OK;
	if (!clean[0])
		e = refuse(st, LF_STORE_INVALID, msg, len, "%s", _("instruction: must not be empty"));
	else if (lf_text_chars(clean) > INSTRUCTION_MAX_CHARS)
		e = refuse(st, LF_STORE_INVALID, msg, len, _("instruction: at most %d characters"),
		           INSTRUCTION_MAX_CHARS);

	/* A case number is taken as well as an id. */
	lf_case c = {0};
	if (e == LF_STORE_OK && case_id && case_id[0]) {
		e = lf_case_require_readable(st, actor, case_id, "step", msg, len);
		if (e == LF_STORE_NOTFOUND)
			refuse(st, e, msg, len, _("there is no case \"%s\""), case_id);
	}
	if (e == LF_STORE_OK) {
		e = lf_store_get_case(st, case_id ? case_id : "", &c);
		if (e == LF_STORE_NOTFOUND)
			refuse(st, e, msg, len, _("there is no case \"%s\""), case_id ? case_id : "");
		else if (e != LF_STORE_OK && msg && len)
			snprintf(msg, len, "%s", lf_store_errmsg(st));
	}
	if (e == LF_STORE_OK) {
		/* The signature is the login's person and the moment, never typed. */
		char signer[256], at[LF_TIMESTAMP_LEN];
		if (actor->title && actor->title[0])
			snprintf(signer, sizeof signer, "%s（%s）", actor->name ? actor->name : actor->login,
			         actor->title);
		else
			snprintf(signer, sizeof signer, "%s", actor->name ? actor->name : actor->login);
		lf_timestamp_now(at, sizeof at);
		e = lf_store_case_sign(st, c.case_id, "instruction", clean, actor->id, signer, at);
		if (e != LF_STORE_OK && msg && len)
			snprintf(msg, len, "%s", lf_store_errmsg(st));
	}
	if (e == LF_STORE_OK && msg && len)
		msg[0] = '\0';
	if (e == LF_STORE_OK)
		report_deadline(st, msg, len);
	lf_case_free(&c);
	free(clean);
	return e;
}
