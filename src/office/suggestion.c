/* The office's suggestions (suggestion.h, 第四十一条（三）): who may record
 * them, their words and dates checked, the signature. */
#include "laifang/suggestion.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/stats.h"
#include "laifang/text.h"

static lf_store_err refuse(lf_store *st, lf_store_err e, char *msg, size_t len, const char *text)
{
	if (msg && len)
		snprintf(msg, len, "%s", text);
	lf_store_set_error(st, e, text);
	return e;
}

static lf_store_err passed(lf_store *st, lf_store_err e, char *msg, size_t len)
{
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

static bool may_record(const lf_user *actor)
{
	return actor && (lf_can(actor->roles, LF_PERM_ROUTE) || lf_can(actor->roles, LF_PERM_INSTRUCT));
}

/* A day given (not after today) or today, into out; false with what is wrong in why. */
static bool day_of(const char *given, const char *field, char out[LF_DATE_LEN], char *why, size_t len)
{
	lf_date today = lf_date_today(), d;
	if (!given || !given[0]) {
		lf_date_format(today, out);
		return true;
	}
	if (!lf_date_parse(given, &d) || !lf_date_valid(d.y, d.m, d.d)) {
		snprintf(why, len, _("%s: %s is not a date (YYYY-MM-DD)"), field, given);
		return false;
	}
	if (lf_date_cmp(d, today) > 0) {
		snprintf(why, len, _("%s: %s is after today"), field, given);
		return false;
	}
	lf_date_format(d, out);
	return true;
}

/* A text cleaned and trimmed (malloc'd), or NULL when empty. */
static char *clean(const char *s)
{
	char *c = s ? lf_text_clean(s, strlen(s), true, NULL) : NULL;
	if (c)
		lf_text_trim(c);
	if (c && !c[0]) {
		free(c);
		c = NULL;
	}
	return c;
}

lf_store_err lf_suggestion_add(lf_store *st, const lf_user *actor, const char *kind, const char *made_on,
                               const char *addressee, const char *text, char id_out[37], char *msg, size_t len)
{
	char why[256], day[LF_DATE_LEN], signer[256];
	id_out[0] = '\0';
	if (msg && len)
		msg[0] = '\0';
	if (!may_record(actor))
		return refuse(st, LF_STORE_DENIED, msg, len, _("Suggestions are recorded by supervisors and leaders."));
	const char *k = lf_suggestion_kind_parse(kind);
	if (!k)
		return refuse(st, LF_STORE_INVALID, msg, len,
		              _("kind: one of improve (改进工作), policy (完善政策), accountability (追究责任)"));
	if (!day_of(made_on, _("made on"), day, why, sizeof why))
		return refuse(st, LF_STORE_INVALID, msg, len, why);
	char *to = clean(addressee), *what = clean(text);
	lf_store_err e;
	if (!to)
		e = refuse(st, LF_STORE_INVALID, msg, len, _("to: the organ or unit the suggestion was made to"));
	else if (!what)
		e = refuse(st, LF_STORE_INVALID, msg, len, _("text: what was suggested"));
	else {
		lf_signature(actor, signer, sizeof signer);
		e = passed(st, lf_store_suggestion_add(st, k, day, to, what, signer, id_out), msg, len);
	}
	free(to);
	free(what);
	return e;
}

lf_store_err lf_suggestion_adopt(lf_store *st, const lf_user *actor, const char *id, const char *outcome,
                                 const char *on, const char *note, char *msg, size_t len)
{
	char why[256], day[LF_DATE_LEN], signer[256];
	if (msg && len)
		msg[0] = '\0';
	if (!may_record(actor))
		return refuse(st, LF_STORE_DENIED, msg, len, _("Suggestions are recorded by supervisors and leaders."));
	const char *o = lf_suggestion_outcome_parse(outcome);
	if (!o)
		return refuse(st, LF_STORE_INVALID, msg, len,
		              _("result: one of adopted (采纳), partly (部分采纳), rejected (未采纳)"));
	if (!day_of(on, _("outcome on"), day, why, sizeof why))
		return refuse(st, LF_STORE_INVALID, msg, len, why);
	char *n = clean(note);
	lf_signature(actor, signer, sizeof signer);
	lf_store_err e = passed(st, lf_store_suggestion_outcome(st, id, o, day, n, signer), msg, len);
	free(n);
	return e;
}

lf_store_err lf_suggestion_list(lf_store *st, const lf_user *actor, int year, lf_suggestion_fn fn, void *ud,
                                char *msg, size_t len)
{
	if (!lf_stats_allowed(actor, msg, len)) {
		lf_store_set_error(st, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	char from[16], to[16];
	if (year) {
		snprintf(from, sizeof from, "%04d-01-01", year % 10000);
		snprintf(to, sizeof to, "%04d-12-31", year % 10000);
	} else {
		snprintf(from, sizeof from, "0000-01-01");
		snprintf(to, sizeof to, "9999-12-31");
	}
	return passed(st, lf_store_suggestion_each(st, from, to, fn, ud), msg, len);
}
