/* The audit log, read by those allowed to; its office key, exported by an
 * administrator. */
#include "laifang/audit.h"

#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "laifang/access.h"
#include "laifang/auth.h"

lf_store_err lf_audit_read(lf_store *st, const lf_user *actor, const lf_audit_filter *f, lf_audit_fn fn,
                           void *ud, char *msg, size_t len)
{
	if (!lf_require(actor, LF_PERM_VIEW_AUDIT, msg, len)) {
		lf_store_set_error(st, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	return lf_store_audit_each(st, f, fn, ud);
}

lf_store_err lf_audit_key_export(lf_store *st, const lf_user *actor, const char *file, char *msg, size_t len)
{
	if (!lf_require(actor, LF_PERM_ADMINISTER, msg, len)) {
		lf_store_set_error(st, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	return lf_store_key_export(st, file);
}

int lf_audit_check(lf_store *st, long long seq, const char *hash, lf_problem_fn fn, void *ud)
{
	return lf_store_check_expect(st, seq, hash, fn, ud);
}

lf_store_err lf_audit_head(lf_store *st, long long *seq, char hash[65])
{
	return lf_store_audit_head(st, seq, hash);
}

lf_seal_state lf_audit_seal_state(lf_store *st, char *key_path, size_t len)
{
	return lf_store_seal_state(st, key_path, len);
}

bool lf_audit_key_by_setting(lf_store *st)
{
	return lf_store_key_by_setting(st);
}

lf_store_err lf_audit_key_import(lf_store *st, const char *file)
{
	return lf_store_key_import(st, file);
}

lf_store_err lf_audit_case_printed(lf_store *st, const lf_user *actor, const char *case_id, const char *kind)
{
	char detail[128];
	snprintf(detail, sizeof detail, "{\"kind\":\"%s\",\"full\":%s}", kind,
	         actor && lf_can(actor->roles, LF_PERM_VIEW_FULL_ID) ? "true" : "false");
	return lf_store_audit(st, "case.print", case_id, detail);
}

lf_store_err lf_audit_reception_printed(lf_store *st, const char *log_id, const char *day)
{
	char detail[128];
	snprintf(detail, sizeof detail, "{\"day\":\"%.10s\"}", day ? day : "");
	return lf_store_audit(st, "reception.print", log_id, detail);
}

lf_store_err lf_audit_case_exported(lf_store *st, const lf_user *actor, const char *case_id, const char *case_no,
                                    size_t count, const char *file, char *msg, size_t len)
{
	if (!lf_require(actor, LF_PERM_EXPORT, msg, len)) {
		lf_store_set_error(st, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	json_t *o = json_pack("{s:s, s:I, s:s, s:b}", "format", "json", "count", (json_int_t)count, "case_no",
	                      case_no ? case_no : "", "personal_data", lf_can(actor->roles, LF_PERM_EXPORT_PERSONAL));
	if (o && file)
		json_object_set_new(o, "file", json_string(file));
	char *detail = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	lf_store_err e = lf_store_audit(st, "export", case_id, detail);
	free(detail);
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_store_errmsg(st));
	return e;
}

lf_store_err lf_audit_read_case(lf_store *st, const lf_user *actor, const lf_audit_filter *f, lf_audit_fn fn,
                                void *ud, char *msg, size_t len)
{
	if (!lf_require(actor, LF_PERM_EXPORT, msg, len)) {
		lf_store_set_error(st, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	/* No case named is no case readable: never the whole log. */
	lf_store_err e = lf_case_require_readable(st, actor, f->record ? f->record : "", "export", msg, len);
	if (e == LF_STORE_OK)
		e = lf_store_audit_each(st, f, fn, ud);
	return e;
}
