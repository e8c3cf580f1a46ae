/* The office layer's door (office.h): each call is the store's, so that
 * the faces depend on the office alone and the store can change beneath. */
#include "laifang/office.h"

#include "laifang/store_people.h"

lf_store *lf_office_open(const char *path, lf_store_err *err, char *msg, size_t msglen)
{
	return lf_store_open(path, err, msg, msglen);
}

void lf_office_on_upgrading(lf_store_upgrading_fn fn, void *ud)
{
	lf_store_on_upgrading(fn, ud);
}

void lf_office_close(lf_store *st)
{
	lf_store_close(st);
}

const char *lf_office_errmsg(lf_store *st)
{
	return lf_store_errmsg(st);
}

lf_store_err lf_office_errcode(lf_store *st)
{
	return lf_store_errcode(st);
}

void lf_office_set_error(lf_store *st, lf_store_err kind, const char *msg)
{
	lf_store_set_error(st, kind, msg);
}

bool lf_office_session_ended(lf_store *st)
{
	return lf_store_session_ended(st);
}

int lf_office_user_count(lf_store *st)
{
	return lf_store_user_count(st);
}

int lf_office_all_or_nothing(lf_store *st, lf_office_unit_fn fn, void *ud, lf_store_err *e)
{
	*e = lf_store_begin(st);
	if (*e != LF_STORE_OK)
		return -1;
	int rc = fn(st, ud);
	if (rc == 0 && (*e = lf_store_commit(st)) != LF_STORE_OK)
		rc = -1;
	if (rc != 0)
		lf_store_rollback(st);
	return rc;
}

bool lf_office_absent(const char *path)
{
	return lf_store_absent(path);
}
