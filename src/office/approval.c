/* An approving leader confirms with their own password (issue 11). */
#include "laifang/approval.h"

#include <stdio.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"

static lf_store_err refuse(lf_store *st, lf_store_err e, const char *text, char *msg, size_t len)
{
	if (msg && len)
		snprintf(msg, len, "%s", text);
	lf_store_set_error(st, e, text);
	return e;
}

lf_store_err lf_approval_check(lf_store *st, const lf_user *actor, const lf_approval *a, lf_user *approver,
                               char *name, size_t namelen, char *msg, size_t len)
{
	char m[768], why[512];
	memset(approver, 0, sizeof *approver);
	if (name && namelen)
		name[0] = '\0';
	if (!a || !a->login || !a->login[0])
		return refuse(st, LF_STORE_INVALID, _("The approving leader's login is missing."), msg, len);
	if (!a->password || !a->password[0])
		return refuse(st, LF_STORE_INVALID,
		              _("The approving leader's password is missing: the leader confirms with their own password."),
		              msg, len);
	if (actor && actor->login && !strcmp(actor->login, a->login))
		return refuse(st, LF_STORE_DENIED, _("approver: a change is approved by someone other than who makes it"),
		              msg, len);
	lf_login_result r = lf_login_confirm(st, a->login, a->password, approver, why, sizeof why);
	if (r != LF_LOGIN_OK) {
		snprintf(m, sizeof m, _("Not approved: %s"), why);
		lf_user_free(approver);
		return refuse(st, r == LF_LOGIN_ERROR ? LF_STORE_IO : LF_STORE_DENIED, m, msg, len);
	}
	if (!(approver->roles & LF_ROLE_LEADER)) {
		snprintf(m, sizeof m, _("approver: %s is not an active login with the role 接访领导"), a->login);
		lf_user_free(approver);
		return refuse(st, LF_STORE_DENIED, m, msg, len);
	}
	if (actor && !strcmp(approver->id, actor->id)) {
		lf_user_free(approver);
		return refuse(st, LF_STORE_DENIED, _("approver: a change is approved by someone other than who makes it"),
		              msg, len);
	}
	if (name && namelen)
		lf_signature(approver, name, namelen);
	return LF_STORE_OK;
}
