/* The reception-day log's photos read back for paper, and whether a day
 * had a reception at all (issue 15): the log of a day with neither a slot
 * on the schedule nor a saved log is not printed. */
#include "laifang/reception.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/file_hash.h"
#include "laifang/i18n.h"
#include "laifang/settings.h"

lf_store_err lf_reception_day_held(lf_store *st, const char *day, char *msg, size_t len)
{
	lf_date d;
	if (msg && len)
		msg[0] = '\0';
	if (!day || !lf_date_parse(day, &d) || !lf_date_valid(d.y, d.m, d.d)) {
		if (msg && len)
			snprintf(msg, len, _("接访时间: \"%s\" is not a date (YYYY-MM-DD)"), day ? day : "");
		lf_store_set_error(st, LF_STORE_INVALID, msg ? msg : "");
		return LF_STORE_INVALID;
	}
	char iso[LF_DATE_LEN];
	lf_date_format(d, iso);
	lf_slot_rec r;
	if (lf_schedule_slot_on(st, d, &r))
		return LF_STORE_OK;
	lf_reception_log l;
	lf_store_err e = lf_store_reception_get(st, iso, &l);
	if (e == LF_STORE_OK) {
		lf_reception_log_free(&l);
		return LF_STORE_OK;
	}
	char m[512];
	if (e != LF_STORE_NOTFOUND)
		snprintf(m, sizeof m, "%s", lf_store_errmsg(st));
	else
		snprintf(m, sizeof m,
		         _("No reception on %s: the schedule has no reception that day and no log was written for it, so "
		           "there is no log to print. A blank log for paper: laifang print --log --blank -o FILE.pdf"),
		         iso);
	if (msg && len)
		snprintf(msg, len, "%s", m);
	if (e == LF_STORE_NOTFOUND)
		e = LF_STORE_INVALID;
	lf_store_set_error(st, e, m);
	return e;
}

bool lf_reception_attachment_bytes(lf_store *st, const lf_attachment *a, unsigned char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	if (!a || strlen(a->sha256) != 64 || strspn(a->sha256, "0123456789abcdef") != 64)
		return false;
	char *dir = lf_store_attachment_dir(st);
	if (!dir)
		return false;
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", dir, a->sha256);
	free(dir);
	int fd;
	long long size = 0, max = lf_setting(st, "attachment_max_bytes");
	if (sodium_init() < 0 || lf_file_open_regular(path, false, &fd, &size) != 0)
		return false;
	unsigned char *buf = size > 0 && size <= max ? malloc((size_t)size) : NULL;
	size_t got = 0;
	while (buf && got < (size_t)size) {
		ssize_t n = read(fd, buf + got, (size_t)size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (!buf || got != (size_t)size) {
		free(buf);
		return false;
	}
	/* Paper that is kept shows only the photo that was recorded. */
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[LF_SHA256_HEX];
	crypto_hash_sha256(h, buf, got);
	for (size_t i = 0; i < sizeof h; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	if (strcmp(hex, a->sha256)) {
		free(buf);
		return false;
	}
	*data = buf;
	*len = got;
	return true;
}
