/* db copy: the office's whole database into a new PostgreSQL one, for an
 * office that moves from its file to a server. Permission and record here;
 * the rows are moved by the store (src/store/copy.c). */
#include "laifang/db_copy.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "laifang/store_audit.h"
#include "laifang/store_copy.h"
#include "laifang/store_reception.h"

lf_store_err lf_office_db_copy(lf_store *from, const lf_user *actor, const char *to, long long *rows, char *msg,
                               size_t len)
{
	*rows = 0;
	if (!lf_require(actor, LF_PERM_ADMINISTER, msg, len)) {
		lf_store_set_error(from, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	lf_store_err e;
	lf_store *dst = lf_store_open_copy_target(to, &e, msg, len);
	if (!dst)
		return e;
	/* Named as the store names it in messages: never the password. */
	json_t *o = json_pack("{s:s}", "to", lf_store_path(dst));
	char *detail = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	e = lf_store_audit(from, "db.copy", NULL, detail);
	free(detail);
	if (e != LF_STORE_OK)
		snprintf(msg, len, "%s", lf_store_errmsg(from));
	else if ((e = lf_store_copy(from, dst, rows)) != LF_STORE_OK)
		snprintf(msg, len, "%s", lf_store_errmsg(dst));
	lf_store_close(dst);
	return e;
}
