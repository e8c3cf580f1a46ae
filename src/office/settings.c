/* The office's settings and their limits, in one place. */
#include "laifang/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "laifang/auth.h"
#include "laifang/doc_number.h"
#include "laifang/evaluation.h"
#include "laifang/i18n.h"
#include "laifang/text.h"
#include "laifang/validate.h"

static const lf_setting_def table[] = {
	{"idle_lock_seconds", 900, 1, 86400, N_("seconds without a key before the screen locks"), NULL},
	{"lockout_failures", 5, 1, 100, N_("wrong passwords in a row that lock an account"), NULL},
	{"lockout_minutes", 15, 1, 10080, N_("minutes a locked account waits"), NULL},
	{"staff_on_duty", 0, 0, 1000, N_("reception staff on duty (0: count who logged in today)"), NULL},
	/* issue 5: the reception schedule (reception.h) */
	{"schedule_publish_day", 20, 1, 28, N_("day of the month by which the next month's reception schedule is published"), NULL},
	{"postpone_rule", 0, 0, 1, N_("a reception day that is a day off moves to: 0 the next official working day, 1 the next Monday-Friday working day"), NULL},
	/* Files attached to a reception-day log (reception.h): 20 MiB unless the office says. */
	{"attachment_max_bytes", 20 * 1024 * 1024, 1, 1024 * 1024 * 1024, N_("largest file, in bytes, that may be attached (接访照片, 视频)"), NULL},
	/* The office's name heads every notice to a visitor (paper.h): a value of
	 * the document, so its default is Chinese whatever the interface language. */
	{"office_name", 0, 0, 0, N_("the office's name on notices to visitors"), "信访办公室"},
	/* issue 10: where the office key is, when not in $XDG_CONFIG_HOME/laifang
	 * (seal_key.c reads it); write the key there first with key export. */
	{"audit_key_file", 0, 0, 0, N_("the office key's file, when not the default ~/.config/laifang/<database id>.key; write the key there first with laifang key export"), ""},
	/* issue 15: the office's own paper. A text setting with max > 0 holds
	 * min to max characters (min 0: may be empty, and empty prints
	 * nothing); all empty by default, so no sheet names another office. */
	{"office_address", 0, 0, 200, N_("the office's postal address on notices and receipts (empty: none)"), ""},
	{"office_phone_inquiry", 0, 0, 64, N_("the office's telephone for inquiries about a case (empty: none)"), ""},
	{"office_phone_booking", 0, 0, 64, N_("the telephone for booking a reception, on the published schedule (empty: none)"), ""},
	{"office_booking_contact", 0, 0, 64, N_("the person or department to contact for booking (empty: none)"), ""},
	{"office_seal_name", 0, 0, 64, N_("the name on the office's seal, printed in the seal area of notices (empty: the office's name)"), ""},
	{"forms_document", 0, 0, 200, N_("the document the printed forms belong to, e.g. 《2026 年度领导干部公开接访工作安排的通知》 (empty: none)"), ""},
	/* issue 14: on a PostgreSQL database, the folder every desk reaches
	 * where attachments go (beside a SQLite file otherwise). */
	{"attachments_dir", 0, 0, 400, N_("on a PostgreSQL database, the folder (an absolute path every desk reaches) where attachments go"), ""},
	{"annex_labels", 0, 0, 1, N_("print the annex labels 附件2 / 附件3 on the reception-day log and the registration sheet: on or off"), NULL},
	/* issue 15: the notices' own document numbers (文号, doc_number.h): the
	 * pattern (GB/T 9704: 机关代字〔年份〕序号), the office's code ({代字}),
	 * and the office above, named where an answer tells of 复查. */
	{"doc_number_pattern", 0, 0, 0, N_("the pattern of a notice's document number: {代字} (office_code), {year} and {n}, e.g. 穗应急信〔{year}〕第{n}号"), LF_DOC_NUMBER_DEFAULT},
	{"office_code", 0, 0, 0, N_("the office's code in document numbers (机关代字), e.g. 穗应急"), ""},
	{"office_above", 0, 0, 0, N_("the office above this one, named on an answer as where a review (复查) may be requested"), ""},
	/* issue 13: named on a review opinion (复查意见书) as where a re-review is asked (第三十六条第一款). */
	{"office_rereview", 0, 0, 0, N_("the office above the reviewing office, named on a review opinion as where a re-review (复核) may be requested"), ""},
	/* issue 13 (可评价, evaluation.h): the petitioner's period to evaluate an answer. */
	{"evaluation_days", LF_EVAL_DAYS_DEFAULT, 0, LF_EVAL_DAYS_MAX, N_("calendar days after the answer within which the petitioner evaluates it; later it is 超期未评价 (0: no period is kept)"), NULL},
};
#define N_TABLE (sizeof table / sizeof table[0])

const lf_setting_def *lf_settings(size_t *n)
{
	*n = N_TABLE;
	return table;
}

const lf_setting_def *lf_setting_find(const char *key)
{
	for (size_t i = 0; key && i < N_TABLE; i++)
		if (!strcmp(table[i].key, key))
			return &table[i];
	return NULL;
}

int lf_setting(lf_store *st, const char *key)
{
	const lf_setting_def *d = lf_setting_find(key);
	if (!d || d->text_def)
		return 0;
	int v = lf_store_setting_int(st, key, d->def);
	return v < d->min || v > d->max ? d->def : v;
}

/* The settings that are a choice of on or off (stored 1 or 0). */
static bool on_off(const lf_setting_def *d)
{
	return !strcmp(d->key, "annex_labels");
}

/* The settings that are a telephone number. */
static bool is_phone(const lf_setting_def *d)
{
	return !strcmp(d->key, "office_phone_inquiry") || !strcmp(d->key, "office_phone_booking");
}

int lf_setting_text_min(const lf_setting_def *d)
{
	return d->text_def && d->max > 0 ? d->min : 1;
}

int lf_setting_text_max(const lf_setting_def *d)
{
	return d->text_def && d->max > 0 ? d->max : LF_SETTING_TEXT_MAX;
}

/* A service number such as 12345 or 12388: 3 to 8 digits alone. */
static bool service_number(const char *s)
{
	size_t n = strlen(s);
	return n >= 3 && n <= 8 && strspn(s, "0123456789") == n;
}

/* A telephone setting: a number lf_check_phone takes (normalised), or a
 * service number; false with msg. Empty is checked by the caller. */
static bool check_phone(const lf_setting_def *d, const char *v, char *canon, size_t canon_len, char *msg,
                        size_t len)
{
	lf_check c;
	if (service_number(v)) {
		snprintf(canon, canon_len, "%s", v);
		return true;
	}
	if (lf_check_phone(v, &c) != LF_INVALID && strlen(c.normalized) < canon_len) {
		snprintf(canon, canon_len, "%s", c.normalized);
		return true;
	}
	snprintf(msg, len, _("%s must be a telephone number such as 020-83186312, 13812345678 or 12345 (empty: none)"),
	         d->key);
	return false;
}

static bool check_text(const lf_setting_def *d, const char *value, char *canon, size_t canon_len, char *msg,
                       size_t len)
{
	int lo = lf_setting_text_min(d), hi = lf_setting_text_max(d);
	bool changed;
	char *clean = value ? lf_text_clean(value, strlen(value), false, &changed) : NULL;
	if (clean)
		lf_text_trim(clean);
	size_t chars = clean ? lf_text_chars(clean) : 0;
	bool ok = clean && chars >= (size_t)lo && chars <= (size_t)hi && strlen(clean) < canon_len;
	char why[256];
	if (ok && clean[0] && is_phone(d))
		ok = check_phone(d, clean, canon, canon_len, msg, len);
	else if (ok && !strcmp(d->key, "doc_number_pattern") && !lf_doc_number_pattern_valid(clean, why, sizeof why)) {
		snprintf(msg, len, "%s: %s", d->key, why);
		ok = false;
	} else if (ok)
		snprintf(canon, canon_len, "%s", clean);
	else if (lo == 0)
		snprintf(msg, len, _("%s must be one line of at most %d characters (empty: none)"), d->key, hi);
	else
		snprintf(msg, len, _("%s must be one line of %d to %d characters"), d->key, lo, hi);
	free(clean);
	return ok;
}

bool lf_setting_check(const lf_setting_def *d, const char *value, char *canon, size_t canon_len, char *msg,
                      size_t len)
{
	if (d->text_def)
		return check_text(d, value, canon, canon_len, msg, len);
	if (on_off(d)) {
		static const char *const on[] = {"on", "1", "yes", "true", "开", "是"};
		static const char *const off[] = {"off", "0", "no", "false", "关", "否"};
		for (size_t i = 0; value && i < sizeof on / sizeof on[0]; i++) {
			if (!strcasecmp(value, on[i]) || !strcasecmp(value, off[i])) {
				snprintf(canon, canon_len, "%s", !strcasecmp(value, on[i]) ? "1" : "0");
				return true;
			}
		}
		snprintf(msg, len, _("%s must be on or off"), d->key);
		return false;
	}
	char *end;
	long v = value ? strtol(value, &end, 10) : 0;
	if (!value || !value[0] || *end || value[0] == '+' || value[0] == '-' || v < d->min || v > d->max) {
		snprintf(msg, len, _("%s must be a whole number from %d to %d"), d->key, d->min, d->max);
		return false;
	}
	snprintf(canon, canon_len, "%ld", v);
	return true;
}

lf_store_err lf_setting_set(lf_store *st, const lf_user *actor, const char *key, const char *value, char *msg,
                            size_t len)
{
	if (!lf_require(actor, LF_PERM_ADMINISTER, msg, len)) {
		lf_store_set_error(st, LF_STORE_DENIED, msg);
		return LF_STORE_DENIED;
	}
	const lf_setting_def *d = lf_setting_find(key);
	if (!d) {
		char shown[64];
		snprintf(msg, len, _("unknown setting %s (see laifang config list)"), lf_text_echo(shown, sizeof shown, key));
		lf_store_set_error(st, LF_STORE_INVALID, msg);
		return LF_STORE_INVALID;
	}
	char canon[LF_SETTING_VALUE_MAX];
	if (!lf_setting_check(d, value, canon, sizeof canon, msg, len)) {
		lf_store_set_error(st, LF_STORE_INVALID, msg);
		return LF_STORE_INVALID;
	}
	return lf_store_setting_set(st, key, canon);
}

void lf_setting_text(lf_store *st, const char *key, char *buf, size_t len)
{
	const lf_setting_def *d = lf_setting_find(key);
	if (!len)
		return;
	if (!d || !d->text_def) {
		buf[0] = '\0';
		return;
	}
	/* What the store holds may have been written behind laifang's back:
	 * never a control character onto a notice or a terminal. */
	char raw[LF_SETTING_VALUE_MAX * 2];
	if (st && lf_store_setting_text(st, key, raw, sizeof raw))
		lf_text_echo(buf, len, raw);
	else
		snprintf(buf, len, "%s", d->text_def);
}

void lf_office_info_read(lf_store *st, lf_office_info *o)
{
	memset(o, 0, sizeof *o);
	lf_setting_text(st, "office_name", o->name, sizeof o->name);
	lf_setting_text(st, "office_address", o->address, sizeof o->address);
	lf_setting_text(st, "office_phone_inquiry", o->phone_inquiry, sizeof o->phone_inquiry);
	lf_setting_text(st, "office_phone_booking", o->phone_booking, sizeof o->phone_booking);
	lf_setting_text(st, "office_booking_contact", o->booking_contact, sizeof o->booking_contact);
	lf_setting_text(st, "office_seal_name", o->seal_name, sizeof o->seal_name);
	if (!o->seal_name[0])
		snprintf(o->seal_name, sizeof o->seal_name, "%s", o->name);
	lf_setting_text(st, "forms_document", o->forms_document, sizeof o->forms_document);
	o->annex_labels = st ? lf_setting(st, "annex_labels") == 1 : false;
}

void lf_office_annex_label(const lf_office_info *o, const char *annex, char *buf, size_t len)
{
	if (!len)
		return;
	if (o->annex_labels && annex && annex[0])
		snprintf(buf, len, "附件%s", annex);
	else
		buf[0] = '\0';
}

void lf_office_source_line(const lf_office_info *o, const char *annex, bool with_office, char *buf, size_t len)
{
	if (!len)
		return;
	buf[0] = '\0';
	if (!o->forms_document[0])
		return;
	char label[64];
	lf_office_annex_label(o, annex, label, sizeof label);
	bool quoted = strstr(o->forms_document, "《") != NULL;
	snprintf(buf, len, "%s%s%s%s%s", with_office ? o->name : "", quoted ? "" : "《", o->forms_document,
	         quoted ? "" : "》", label);
}

#define TRAINING_KEY "training_date"

lf_store_err lf_training_day_set(lf_store *st, const char *day)
{
	return lf_store_setting_set(st, TRAINING_KEY, day);
}

bool lf_training_day(lf_store *st, char *buf, size_t len)
{
	if (!len)
		return false;
	if (lf_store_setting_text(st, TRAINING_KEY, buf, len))
		return true;
	buf[0] = '\0';
	return false;
}
