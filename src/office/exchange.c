/* Exchange between offices (exchange.h): the office's public key, the
 * offices it trusts and those on the same server. Administrators only. */
#include "exchange_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caseflow_internal.h"
#include "laifang/exchange_pkg.h"
#include "laifang/i18n.h"
#include "laifang/store_reception.h"
#include "laifang/text.h"

lf_store_err lf_exchange_key(lf_store *st, const lf_user *actor, char hex[LF_EXCHANGE_KEY_HEX], char *msg,
                             size_t len)
{
	hex[0] = '\0';
	lf_store_err e = cf_require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e != LF_STORE_OK)
		return e;
	unsigned char pk[32], sk[64];
	if ((e = lf_store_exchange_keypair(st, pk, sk)) != LF_STORE_OK)
		return cf_passed(st, e, msg, len);
	sodium_memzero(sk, sizeof sk);
	lf_xpkg_hex(pk, hex);
	return LF_STORE_OK;
}

/* An office's name: 1 to 100 characters of one line. */
static lf_store_err check_name(lf_store *st, const char *name, char *msg, size_t len)
{
	size_t n = name ? strlen(name) : 0;
	bool changed = false;
	char *clean = n ? lf_text_clean(name, n, false, &changed) : NULL;
	bool bad = !clean || changed || !clean[0];
	free(clean);
	if (!n || n > 300 || bad)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		                 _("office: give the other office's name as it calls itself (its office_name), on one line"));
	return LF_STORE_OK;
}

lf_store_err lf_exchange_trust(lf_store *st, const lf_user *actor, const char *name, const char *public_key,
                               char *msg, size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e == LF_STORE_OK)
		e = check_name(st, name, msg, len);
	if (e != LF_STORE_OK)
		return e;
	unsigned char pk[32];
	char hex[65];
	if (lf_xpkg_unhex(public_key, pk) != 0)
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		                 _("public key: 64 hex digits, as laifang exchange key prints it in the other office"));
	lf_xpkg_hex(pk, hex); /* lower case, as stored */
	return cf_passed(st, lf_store_exchange_trust(st, name, hex), msg, len);
}

lf_store_err lf_exchange_peer(lf_store *st, const lf_user *actor, const char *name, const char *db, char *msg,
                              size_t len)
{
	lf_store_err e = cf_require(st, actor, LF_PERM_ADMINISTER, msg, len);
	if (e == LF_STORE_OK)
		e = check_name(st, name, msg, len);
	if (e != LF_STORE_OK)
		return e;
	bool none = !db || !db[0] || !strcmp(db, "-");
	if (!none && (strlen(db) > 1000 || strpbrk(db, "\n\r")))
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("database: one line, a postgresql: string or a path"));
	if (!none && !strcmp(db, lf_store_path(st)))
		return cf_refuse(st, LF_STORE_INVALID, msg, len, "%s", _("database: that is this office's own database"));
	return cf_passed(st, lf_store_exchange_peer_db(st, name, none ? NULL : db), msg, len);
}
