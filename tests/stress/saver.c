/* One terminal saving registrations in a loop through the real code path:
 * lf_store_open, lf_login (once: argon2 is slow on purpose), then
 * lf_registration_save COUNT times, as the sheet's F2 does.
 *
 *   saver DB LOGIN PASSWORD COUNT TAG
 *
 * Prints "READY" once logged in, then one line "TAG-I CASE_NO" per save as
 * soon as it is committed (flushed: this is the acknowledgement a clerk
 * sees, which the crash test holds the database to). Every failure goes to
 * stderr as "ERROR TAG-I: message" and is counted; the last line on stderr
 * is "TAG: N saved, N store errors, N refused".
 *
 * Each save uses one of 500 visitors (ID numbers shared by every process,
 * so terminals collide on the visitor upsert) and every fifth one is a
 * back-dated visit of the year before (two years of case numbers).
 * Exit status 0 only when every save succeeded.
 *
 *   saver DB LOGIN PASSWORD COUNT TAG keep
 *
 * keeps the sheet when a save fails for the store (the PostgreSQL server
 * killed: tests/stress/server_kill_pg.sh), as the desk does: says so on
 * stderr as "KEPT TAG-I: message" and saves the same sheet again every
 * 100 ms, for at most 2 minutes, until it is saved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "laifang/auth.h"
#include "laifang/date.h"
#include "laifang/form.h"
#include "laifang/registration.h"
#include "laifang/store.h"
#include "laifang/store_people.h"
#include "laifang/validate.h"

#define MAX_ISSUES 16

static void set(const lf_form_def *form, char **values, const char *id, const char *v)
{
	int i = lf_form_find(form, id);
	if (i < 0)
		return;
	free(values[i]);
	values[i] = strdup(v);
}

int main(int argc, char **argv)
{
	if (argc != 6 && !(argc == 7 && !strcmp(argv[6], "keep"))) {
		fprintf(stderr, "usage: saver DB LOGIN PASSWORD COUNT TAG [keep]\n");
		return 2;
	}
	bool keep = argc == 7;
	const char *db = argv[1], *login = argv[2], *pw = argv[3], *tag = argv[5];
	long count = strtol(argv[4], NULL, 10);
	char msg[1024];
	lf_store_err err;
	lf_store *st = lf_store_open(db, &err, msg, sizeof msg);
	if (!st) {
		fprintf(stderr, "ERROR %s open: %s\n", tag, msg);
		return 2;
	}
	lf_user me = {0};
	if (lf_login(st, login, pw, &me, msg, sizeof msg) != LF_LOGIN_OK) {
		fprintf(stderr, "ERROR %s login: %s\n", tag, msg);
		lf_store_close(st);
		return 2;
	}
	const lf_form_def *form = lf_form_get("registration", msg, sizeof msg);
	if (!form) {
		fprintf(stderr, "ERROR %s form: %s\n", tag, msg);
		return 2;
	}
	printf("READY\n");
	fflush(stdout);

	lf_date today = lf_date_today();
	long saved = 0, store_errors = 0, refused = 0;
	for (long i = 0; i < count; i++) {
		char **values = calloc(form->n_fields, sizeof *values);
		if (!values)
			return 2;
		char name[64], id[19], content[160], phone[16], first[18], date[32];
		/* Unsigned and below 500: the compiler can see every field fits. */
		unsigned who = (unsigned)((i * 7 + (long)strlen(tag) * 13) % 500);
		snprintf(first, sizeof first, "110105195%01u%02u%02u%03u", who % 10, who % 12 + 1, who % 28 + 1,
		         who % 1000);
		snprintf(id, sizeof id, "%s%c", first, lf_id_check_digit(first));
		snprintf(name, sizeof name, "压力%s号%u", tag, who);
		snprintf(content, sizeof content, "并发保存测试 %s-%ld：反映小区供暖不足，要求尽快处理。", tag, i);
		snprintf(phone, sizeof phone, "138%08u", who);
		if (i % 5 == 4)
			snprintf(date, sizeof date, "%04d-12-%02ld", today.y - 1, i % 28 + 1);
		else
			snprintf(date, sizeof date, "%04d-%02d-%02d", today.y, today.m, today.d);
		lf_form_fill_defaults(form, values, today, me.name);
		set(form, values, "name", name);
		set(form, values, "id_number", id);
		set(form, values, "content", content);
		set(form, values, "phone", phone);
		set(form, values, "received_on", date);
		lf_form_issue issues[MAX_ISSUES];
		size_t n_issues = 0;
		lf_saved_case out;
		/* Savers share ID numbers under their own names: each keeps the record
		 * as it is, the clerk's answer to the identity question (issue 11). */
		int r = lf_registration_save_as(st, &me, form, values, LF_IDENTITY_KEEP, issues, MAX_ISSUES, &n_issues,
		                                &out, &err);
		for (int tries = 0; keep && r < 0 && tries < 1200; tries++) {
			fprintf(stderr, "KEPT %s-%ld: %s\n", tag, i, lf_store_errmsg(st));
			nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
			n_issues = 0;
			r = lf_registration_save_as(st, &me, form, values, LF_IDENTITY_KEEP, issues, MAX_ISSUES, &n_issues,
			                            &out, &err);
		}
		if (r == 0) {
			saved++;
			printf("%s-%ld %s\n", tag, i, out.case_no);
			fflush(stdout);
		} else if (r > 0) {
			refused++;
			fprintf(stderr, "ERROR %s-%ld refused: %s\n", tag, i, n_issues ? issues[0].message : "?");
		} else {
			store_errors++;
			fprintf(stderr, "ERROR %s-%ld store (%d): %s\n", tag, i, (int)err, lf_store_errmsg(st));
		}
		for (size_t k = 0; k < form->n_fields; k++)
			free(values[k]);
		free(values);
	}
	fprintf(stderr, "%s: %ld saved, %ld store errors, %ld refused\n", tag, saved, store_errors, refused);
	lf_user_free(&me);
	lf_store_close(st);
	return saved == count ? 0 : 1;
}
