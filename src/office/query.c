/* The query code at the office (query.h): whose code may be read, and the
 * lookup a clerk makes for a caller, counted and audited by the store. */
#include "laifang/query.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "laifang/access.h"
#include "laifang/date.h"
#include "laifang/i18n.h"

static lf_store_err refuse(lf_store *st, lf_store_err kind, const char *text, char *msg, size_t len)
{
	lf_store_set_error(st, kind, text);
	if (msg && len)
		snprintf(msg, len, "%s", text);
	return kind;
}

lf_store_err lf_query_code_of(lf_store *st, const lf_user *actor, const char *case_no_or_id, bool mint,
                              char out[LF_QUERY_CODE_LEN], char *msg, size_t len)
{
	out[0] = '\0';
	if (msg && len)
		msg[0] = '\0';
	lf_store_err e = lf_case_require_readable(st, actor, case_no_or_id ? case_no_or_id : "", "open", msg, len);
	if (e != LF_STORE_OK)
		return e;
	e = lf_store_query_code(st, case_no_or_id, out);
	if (e != LF_STORE_NOTFOUND || !mint) {
		if (e != LF_STORE_OK && msg && len)
			snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	/* Registered before query codes: its code is minted now. */
	e = lf_store_query_code_mint(st, case_no_or_id, out);
	if (e == LF_STORE_DENIED)
		return refuse(st, LF_STORE_NOTFOUND,
		              _("the case was archived before it had a query code: it has none"), msg, len);
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

/* The start of the window of counted misses, local time, as the audit
 * log's timestamps begin ("2026-11-23T09:15:05"). */
static void window_start(char *buf, size_t len)
{
	time_t t = (time_t)(lf_clock_now() - LF_QUERY_WINDOW_MINUTES * 60LL);
	struct tm tm;
	if (!localtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm))
		snprintf(buf, len, "%s", "0000");
}

lf_store_err lf_query_lookup(lf_store *st, const lf_user *actor, const char *typed, lf_query_view *out, char *msg,
                             size_t len)
{
	memset(out, 0, sizeof *out);
	if (msg && len)
		msg[0] = '\0';
	if (!actor || !actor->active)
		return refuse(st, LF_STORE_DENIED, _("a query by code needs a login"), msg, len);
	char code[LF_QUERY_CODE_LEN], since[32];
	bool well_formed = lf_query_code_parse(typed, code);
	window_start(since, sizeof since);
	lf_query_outcome how = LF_QUERY_MISS;
	lf_store_err e = lf_store_query_lookup(st, well_formed ? code : NULL, typed, LF_QUERY_MISS_LIMIT, since, out,
	                                       &how);
	if (e != LF_STORE_OK) {
		if (msg && len)
			snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	if (how == LF_QUERY_LIMITED) {
		char text[256];
		snprintf(text, sizeof text,
		         _("too many wrong query codes: try again in %d minutes (every query is in the audit log)"),
		         LF_QUERY_WINDOW_MINUTES);
		return refuse(st, LF_STORE_DENIED, text, msg, len);
	}
	if (how == LF_QUERY_MISS)
		return refuse(st, LF_STORE_NOTFOUND, _("no case has this query code"), msg, len);
	return LF_STORE_OK;
}
