/* The audit log, read by those allowed to; its office key, exported by an
 * administrator. */
#include "laifang/audit.h"

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
