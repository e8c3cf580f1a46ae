/* The returning-visitor lookup: permission, the store's answer, the audit
 * entry, masking. */
#include "laifang/visitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "laifang/auth.h"
#include "laifang/document.h"
#include "laifang/mask.h"
#include "laifang/store_audit.h"
#include "laifang/store_group.h"

lf_store_err lf_visitor_lookup(lf_store *st, const lf_user *actor, const char *id_number, lf_visitor_info *info,
                               char *msg, size_t len)
{
	return lf_visitor_lookup_doc(st, actor, NULL, id_number, info, msg, len);
}

lf_store_err lf_visitor_lookup_doc(lf_store *st, const lf_user *actor, const char *doc_type, const char *id_number,
                                   lf_visitor_info *info, char *msg, size_t len)
{
	char why[512];
	memset(info, 0, sizeof *info);
	if (msg && len)
		msg[0] = '\0';
	if (!lf_require(actor, LF_PERM_LOOKUP_VISITOR, why, sizeof why)) {
		lf_store_set_error(st, LF_STORE_DENIED, why);
		if (msg && len)
			snprintf(msg, len, "%s", why);
		return LF_STORE_DENIED;
	}
	/* A 15-digit number finds the person by its 18-digit form. */
	lf_doc_type t = lf_doc_type_parse(doc_type);
	char key[128];
	if (t == LF_DOC_UNKNOWN || !lf_doc_key(t, id_number, key, sizeof key))
		return LF_STORE_NOTFOUND;
	lf_store_err e = lf_store_find_visitor_doc(st, lf_doc_type_name(t), key, info);
	if (e == LF_STORE_OK && (e = lf_store_visitor_phones(st, lf_doc_type_name(t), key, &info->phone_more)) != LF_STORE_OK)
		lf_visitor_info_free(info);
	if (e != LF_STORE_OK) {
		if (msg && len && e != LF_STORE_NOTFOUND)
			snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	/* The log says whose details were shown, not the number itself. */
	char masked[64];
	lf_mask_id_number(id_number, masked, sizeof masked);
	json_t *o = json_pack("{s:s, s:s}", "id_number", masked, "last_case_no", info->last_case_no);
	char *detail = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	e = detail ? lf_store_audit(st, "visitor.lookup", NULL, detail) : LF_STORE_IO;
	free(detail);
	if (e != LF_STORE_OK) {
		if (msg && len)
			snprintf(msg, len, "%s", lf_store_errmsg(st));
		lf_visitor_info_free(info);
		return e;
	}
	if (info->phone && !lf_can(actor->roles, LF_PERM_VIEW_FULL_ID)) {
		size_t n = strlen(info->phone) + 1;
		char *m = malloc(n);
		if (m)
			lf_mask_phone(info->phone, m, n);
		free(info->phone);
		info->phone = m;
	}
	return LF_STORE_OK;
}
