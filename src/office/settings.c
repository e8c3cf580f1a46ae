/* The office's settings and their limits, in one place. */
#include "laifang/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/auth.h"
#include "laifang/doc_number.h"
#include "laifang/i18n.h"
#include "laifang/text.h"

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
	/* issue 15: the notices' own document numbers (文号, doc_number.h): the
	 * pattern (GB/T 9704: 机关代字〔年份〕序号), the office's code ({代字}),
	 * and the office above, named where an answer tells of 复查. */
	{"doc_number_pattern", 0, 0, 0, N_("the pattern of a notice's document number: {代字} (office_code), {year} and {n}, e.g. 穗应急信〔{year}〕第{n}号"), LF_DOC_NUMBER_DEFAULT},
	{"office_code", 0, 0, 0, N_("the office's code in document numbers (机关代字), e.g. 穗应急"), ""},
	{"office_above", 0, 0, 0, N_("the office above this one, named on an answer as where a review (复查) may be requested"), ""},
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

bool lf_setting_check(const lf_setting_def *d, const char *value, char *canon, size_t canon_len, char *msg,
                      size_t len)
{
	if (d->text_def) {
		bool changed;
		char *clean = value ? lf_text_clean(value, strlen(value), false, &changed) : NULL;
		if (clean)
			lf_text_trim(clean);
		bool ok = clean && clean[0] && lf_text_chars(clean) <= LF_SETTING_TEXT_MAX && strlen(clean) < canon_len;
		char why[256];
		if (ok && !strcmp(d->key, "doc_number_pattern") && !lf_doc_number_pattern_valid(clean, why, sizeof why)) {
			snprintf(msg, len, "%s: %s", d->key, why);
			free(clean);
			return false;
		}
		if (ok)
			snprintf(canon, canon_len, "%s", clean);
		else
			snprintf(msg, len, _("%s must be one line of 1 to %d characters"), d->key, LF_SETTING_TEXT_MAX);
		free(clean);
		return ok;
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
