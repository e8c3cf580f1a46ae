/* The confidentiality review of a publication (保密审查; seed 003, item 19:
 * what is to be published is reviewed first, 先审后发): one person prepares
 * the public table (a draft marked 送审稿 is written for the reviewer, the
 * record names the preparer), another with the permission review_publication
 * approves it; only then is the table written out as final, with the issue
 * date. Both acts are audited (schedule.prepare, schedule.approve) and both
 * people are on the publication record (db/025). */
#include "laifang/reception.h"

#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/i18n.h"
#include "schedule_public.h"

bool lf_schedule_pending(lf_store *st, int y, int m, char at[LF_TIMESTAMP_LEN], char *by, size_t bylen)
{
	char key[16];
	lf_pub_key(y, m, key, sizeof key);
	lf_publication_pending p;
	if (lf_store_publication_pending(st, key, &p) != LF_STORE_OK)
		return false;
	if (at)
		snprintf(at, LF_TIMESTAMP_LEN, "%s", p.prepared_at);
	if (by && bylen)
		snprintf(by, bylen, "%s", p.by_name);
	return true;
}

lf_store_err lf_schedule_prepare(lf_store *st, const lf_user *actor, int y, int m, const char *dir, char *html,
                                 char *csv, size_t plen, char *msg, size_t len)
{
	lf_slot_rec *recs;
	size_t n;
	lf_store_err e = lf_pub_begin(st, actor, LF_PERM_ADMINISTER, y, m, dir, &recs, &n, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char list[4096], days[2048];
	int off = lf_schedule_days_off(st, recs, n, list, sizeof list, days, sizeof days);
	if (off < 0) {
		free(recs);
		return lf_pub_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	}
	lf_pub_doc doc = {.y = y, .m = m, .draft = true};
	lf_pub_doc_settings(st, &doc);
	char hp[4096], cp[4096], sha[65] = "";
	int err = lf_pub_write_pair(st, &doc, dir, recs, n, hp, cp, sizeof hp, sha, msg, len);
	free(recs);
	if (err)
		return LF_STORE_IO;
	char key[16], by[256];
	lf_pub_key(y, m, key, sizeof key);
	lf_signature(actor, by, sizeof by);
	if ((e = lf_store_publication_prepare(st, key, actor->id, by, (int)n, sha)) != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	if (html)
		snprintf(html, plen, "%s", hp);
	if (csv)
		snprintf(csv, plen, "%s", cp);
	int k = snprintf(msg, len,
	                 _("Prepared %s for publication: %zu slot(s). It is published once someone else with the "
	                   "permission review_publication approves it after the confidentiality review "
	                   "(laifang schedule approve %s -o DIR)."),
	                 key, n, key);
	if (off > 0 && k > 0 && (size_t)k < len)
		snprintf(msg + k, len - (size_t)k,
		         _("\n%s\n%d slot(s) fall on days off: the reviewer accepts them with --allow-days-off."), list,
		         off);
	return LF_STORE_OK;
}

lf_store_err lf_schedule_approve(lf_store *st, const lf_user *actor, int y, int m, const char *dir, bool days_off,
                                 char *html, char *csv, size_t plen, char *msg, size_t len)
{
	lf_slot_rec *recs;
	size_t n;
	lf_store_err e = lf_pub_begin(st, actor, LF_PERM_REVIEW_PUBLICATION, y, m, dir, &recs, &n, msg, len);
	if (e != LF_STORE_OK)
		return e;
	char key[16];
	lf_pub_key(y, m, key, sizeof key);
	lf_publication_pending p;
	e = lf_store_publication_pending(st, key, &p);
	if (e != LF_STORE_OK) {
		free(recs);
		if (e != LF_STORE_NOTFOUND) {
			snprintf(msg, len, "%s", lf_store_errmsg(st));
			return e;
		}
		return lf_pub_refuse(st, LF_STORE_NOTFOUND, msg, len,
		                     _("%s has no publication awaiting its review: prepare it first (laifang schedule "
		                       "publish %s -o DIR)."),
		                     key, key);
	}
	if (!strcmp(p.by_id, actor->id)) {
		free(recs);
		return lf_pub_refuse(st, LF_STORE_DENIED, msg, len, "%s",
		                     _("approve: the confidentiality review is done by someone other than who prepared "
		                       "the publication"));
	}
	/* What the reviewer read is what is published: the table as prepared. */
	lf_pub_doc doc = {.y = y, .m = m, .draft = true};
	lf_pub_doc_settings(st, &doc);
	char now_sha[65];
	if (lf_pub_csv_sha256(st, &doc, recs, n, now_sha) != 0) {
		free(recs);
		return lf_pub_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
	}
	if (strcmp(now_sha, p.draft_sha256)) {
		free(recs);
		return lf_pub_refuse(st, LF_STORE_CONFLICT, msg, len,
		                     _("The schedule of %s changed after it was prepared (%s): prepare it again and "
		                       "review the new draft."),
		                     key, p.prepared_at);
	}
	char list[4096], days[2048];
	int off = lf_schedule_days_off(st, recs, n, list, sizeof list, days, sizeof days);
	if (off < 0 || (off > 0 && !days_off)) {
		free(recs);
		if (off < 0)
			return lf_pub_refuse(st, LF_STORE_IO, msg, len, "%s", _("out of memory"));
		return lf_pub_refuse(st, LF_STORE_INVALID, msg, len,
		                     _("%s\nNot approved: %d slot(s) fall on days off; accept them with "
		                       "--allow-days-off."),
		                     list, off);
	}
	doc.draft = false;
	doc.days_off = off > 0 ? days : NULL;
	lf_pub_chinese_date(lf_date_today(), false, doc.issued, sizeof doc.issued);
	char hp[4096], cp[4096], sha[65] = "";
	int err = lf_pub_write_pair(st, &doc, dir, recs, n, hp, cp, sizeof hp, sha, msg, len);
	free(recs);
	if (err)
		return LF_STORE_IO;
	char name[256], exc[2100];
	lf_signature(actor, name, sizeof name);
	snprintf(exc, sizeof exc, "[%s]", days);
	lf_publication_approval pa = {actor->id, name, off > 0 ? exc : NULL};
	if ((e = lf_store_publication_approve(st, key, p.id, sha, &pa)) != LF_STORE_OK) {
		snprintf(msg, len, "%s", lf_store_errmsg(st));
		return e;
	}
	if (html)
		snprintf(html, plen, "%s", hp);
	if (csv)
		snprintf(csv, plen, "%s", cp);
	snprintf(msg, len, _("Published %s: %zu slot(s), prepared by %s, approved by %s after the confidentiality "
	                     "review."),
	         key, n, p.by_name, name);
	return LF_STORE_OK;
}
