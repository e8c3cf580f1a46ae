/* Notice numbers for the office: see notice_no.h. */
#include "laifang/notice_no.h"

#include <stdio.h>
#include <string.h>

#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/settings.h"

lf_store_err lf_notice_number(lf_store *st, const lf_user *actor, const char *case_id, const char *kind,
                              const char *ground, lf_notice_no *out, char *msg, size_t len)
{
	if (msg && len)
		msg[0] = '\0';
	if (!actor || !actor->active) {
		const char *why = _("a notice number is issued only to a person logged in");
		lf_office_set_error(st, LF_STORE_DENIED, why);
		if (msg && len)
			snprintf(msg, len, "%s", why);
		return LF_STORE_DENIED;
	}
	char pattern[LF_SETTING_VALUE_MAX], code[LF_SETTING_VALUE_MAX], why[256];
	lf_setting_text(st, "doc_number_pattern", pattern, sizeof pattern);
	lf_setting_text(st, "office_code", code, sizeof code);
	/* A pattern written behind laifang's back that gives no number: the
	 * default rather than no notice. */
	if (!lf_doc_number_pattern_valid(pattern, why, sizeof why))
		snprintf(pattern, sizeof pattern, "%s", LF_DOC_NUMBER_DEFAULT);
	lf_date today = lf_date_today();
	lf_store_err e = lf_store_notice_number(st, case_id, kind, today.y, pattern, code, ground, out);
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_office_errmsg(st));
	return e;
}

lf_store_err lf_notice_number_read(lf_store *st, const char *case_id, const char *kind, lf_notice_no *out)
{
	return lf_store_notice_number_get(st, case_id, kind, out);
}
