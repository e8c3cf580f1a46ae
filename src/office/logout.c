/* Logging out without quitting (auth.h, lf_logout): the desk goes back to
 * the login screen for the next person. */
#include "laifang/auth.h"

#include "laifang/access.h"
#include "laifang/store_audit.h"
#include "laifang/store_people.h"

lf_store_err lf_logout(lf_store *st, const lf_user *u)
{
	lf_store_err e = u && u->id[0] ? lf_store_login_note(st, "logout", u->id, NULL) : LF_STORE_OK;
	lf_store_set_actor(st, NULL, NULL);
	lf_access_apply(st, NULL); /* nobody reads anything until the next login */
	return e;
}
