/* Publishing a month's (or a year's) schedule (seed 000: 每月20日前将下一个
 * 月的公开接访安排公开; seed 003: nothing personal is published, and what is
 * published is reviewed first): at once with an approving leader's own
 * password, or prepared here and approved later (schedule_review.c). The
 * document itself is schedule_render.c's. */
#include "laifang/reception.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "laifang/auth.h"
#include "laifang/csv.h"
#include "laifang/i18n.h"
#include "laifang/settings.h"
#include "laifang/safe_file.h"
#include "laifang/paths.h"
#include "laifang/file_hash.h"
#include "schedule_public.h"

lf_store_err lf_pub_refuse(lf_store *st, lf_store_err e, char *msg, size_t len, const char *fmt, ...)
{
	char m[5120];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m, sizeof m, fmt, ap);
	va_end(ap);
	lf_store_set_error(st, e, m);
	snprintf(msg, len, "%s", m);
	return e;
}

lf_store_err lf_pub_begin(lf_store *st, const lf_user *actor, lf_perm perm, int y, int m, const char *dir,
                          lf_slot_rec **recs, size_t *n, char *msg, size_t len)
{
	char why[512];
	*recs = NULL;
	*n = 0;
	if (!lf_require(actor, perm, why, sizeof why))
		return lf_pub_refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	if (y < 1900 || y > 9999 || m < 0 || m > 12 || !dir || !dir[0])
		return lf_pub_refuse(st, LF_STORE_INVALID, msg, len, "%s",
		                     _("publish: give the month as YYYY-MM (or the year as YYYY) and a folder"));
	lf_store_err e = lf_pub_slots(st, y, m, recs, n);
	if (e != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	if (*n == 0) {
		free(*recs);
		*recs = NULL;
		char key[16];
		lf_pub_key(y, m, key, sizeof key);
		return lf_pub_refuse(st, LF_STORE_INVALID, msg, len,
		                     _("The schedule of %s has no slot: there is nothing to publish."), key);
	}
	return LF_STORE_OK;
}

int lf_pub_write_pair(lf_store *st, const lf_pub_doc *doc, const char *dir, const lf_slot_rec *recs, size_t n,
                      char *hp, char *cp, size_t plen, char sha[LF_SHA256_HEX], char *msg, size_t len)
{
	char key[16];
	lf_pub_key(doc->y, doc->m, key, sizeof key);
	const char *suffix = doc->draft ? ".draft" : "";
	snprintf(hp, plen, "%s/schedule-%s%s.html", dir, key, suffix);
	snprintf(cp, plen, "%s/schedule-%s%s.csv", dir, key, suffix);
	int err = lf_path_mkdirs(dir, 0755) != 0 ? (errno ? errno : EIO) : 0;
	const char *bad = dir;
	if (!err && (err = lf_pub_write(st, hp, doc, recs, n, true)) != 0)
		bad = hp;
	if (!err && (err = lf_pub_write(st, cp, doc, recs, n, false)) != 0)
		bad = cp;
	if (!err && (err = lf_file_sha256(cp, sha, NULL)) != 0)
		bad = cp;
	if (err)
		lf_pub_refuse(st, LF_STORE_IO, msg, len,
		              _("The public table could not be written to %s (%s); nothing was recorded."), bad,
		              lf_safe_strerror(err));
	return err;
}

lf_store_err lf_schedule_publish(lf_store *st, const lf_user *actor, int y, int m, const char *dir,
                                 const lf_approval *ap, char *html, char *csv, size_t plen, char *msg, size_t len)
{
	lf_slot_rec *recs;
	size_t n;
	lf_store_err e = lf_pub_begin(st, actor, LF_PERM_ADMINISTER, y, m, dir, &recs, &n, msg, len);
	if (e != LF_STORE_OK)
		return e;
	/* Days off first: they are named whoever approves. */
	char list[4096], days[2048];
	int off = lf_schedule_days_off(st, recs, n, list, sizeof list, days, sizeof days);
	if (off < 0 || (off > 0 && (!ap || !ap->days_off))) {
		free(recs);
		if (off < 0)
			return lf_pub_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		return lf_pub_refuse(st, LF_STORE_INVALID, msg, len,
		                     _("%s\nNot published: %d slot(s) fall on days off. An approving leader may confirm "
		                       "them as exceptions with their own password."),
		                     list, off);
	}
	/* The leader confirming here is the confidentiality review, done on the
	 * spot: someone other than the preparer, with the permission. */
	lf_user who;
	char ap_name[256];
	if ((e = lf_approval_check(st, actor, ap, &who, ap_name, sizeof ap_name, msg, len)) != LF_STORE_OK) {
		free(recs);
		return e;
	}
	char why[512];
	if (!lf_require(&who, LF_PERM_REVIEW_PUBLICATION, why, sizeof why)) {
		free(recs);
		lf_user_free(&who);
		return lf_pub_refuse(st, LF_STORE_DENIED, msg, len, "%s", why);
	}
	lf_pub_doc doc = {.y = y, .m = m, .days_off = off > 0 ? days : NULL};
	lf_pub_doc_settings(st, &doc);
	lf_pub_chinese_date(lf_date_today(), false, doc.issued, sizeof doc.issued);
	char hp[4096], cp[4096], sha[LF_SHA256_HEX] = "";
	int err = lf_pub_write_pair(st, &doc, dir, recs, n, hp, cp, sizeof hp, sha, msg, len);
	free(recs);
	if (err) {
		lf_user_free(&who);
		return LF_STORE_IO;
	}
	char key[32], by[256];
	lf_pub_key(y, m, key, sizeof key);
	lf_signature(actor, by, sizeof by);
	char exc[2100];
	snprintf(exc, sizeof exc, "[%s]", days);
	lf_publication_approval pa = {who.id, ap_name, off > 0 ? exc : NULL};
	e = lf_store_publication_add_approved(st, key, actor->id, by, (int)n, sha, &pa);
	lf_user_free(&who);
	if (e != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	if (html)
		snprintf(html, plen, "%s", hp);
	if (csv)
		snprintf(csv, plen, "%s", cp);
	snprintf(msg, len, _("Published %s: %zu slot(s), approved by %s."), key, n, ap_name);
	return LF_STORE_OK;
}

typedef struct stale_one {
	const char *month;
	char *at;
	bool found;
} stale_one;

static int stale_first(const char *month, const char *at, void *ud)
{
	stale_one *o = ud;
	if (strcmp(month, o->month))
		return 1; /* past the month asked about */
	o->found = true;
	if (o->at)
		snprintf(o->at, LF_TIMESTAMP_LEN, "%s", at);
	return 1;
}

bool lf_schedule_stale(lf_store *st, int y, int m, char at[LF_TIMESTAMP_LEN])
{
	char month[32];
	snprintf(month, sizeof month, "%04d-%02d", y, m);
	stale_one o = {month, at, false};
	lf_store_publications_stale(st, month, stale_first, &o);
	return o.found;
}

typedef struct stale_list {
	char text[256];
	size_t used;
	int n;
} stale_list;

static int stale_each(const char *month, const char *at, void *ud)
{
	(void)at;
	stale_list *l = ud;
	if (l->used < sizeof l->text)
		l->used += (size_t)snprintf(l->text + l->used, sizeof l->text - l->used, "%s%s", l->n ? "、" : "", month);
	l->n++;
	return 0;
}

bool lf_schedule_stale_notice(lf_store *st, lf_date today, char *msg, size_t len)
{
	char from[32];
	snprintf(from, sizeof from, "%04d-%02d", today.y, today.m);
	stale_list l = {.used = 0};
	if (lf_store_publications_stale(st, from, stale_each, &l) != LF_STORE_OK || l.n == 0)
		return false;
	snprintf(msg, len, _("The published reception schedule of %s has changed since it was published: publish it "
	                     "again."),
	         l.text);
	return true;
}
