/* The reception-day log printed for a person (lf_paper_print_log): the
 * log opened through core (its permission), refused for a day without a
 * reception, the day's case numbers, the attached files read back (photos
 * drawn when they are JPEG or PNG and still match their SHA-256; the rest
 * by name), the PDF written, the print audited. And the blank log. */
#include "laifang/office.h"
#include "laifang/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "laifang/audit.h"
#include "laifang/auth.h"
#include "laifang/case_read.h"
#include "laifang/i18n.h"
#include "laifang/reception.h"
#include "laifang/settings.h"
#include "paper_internal.h"

/* The attached files: photos to draw, the others' names one a line. */
typedef struct files {
	lf_store *st;
	lf_paper_photo *images;
	unsigned char **bytes;
	size_t n_images;
	char *names;
	size_t len, used;
} files;

static void add_name(files *f, const char *name)
{
	int n = snprintf(f->names + f->used, f->len - f->used, "%s%s", f->used ? "\n" : "", name);
	if (n > 0)
		f->used = f->used + (size_t)n < f->len ? f->used + (size_t)n : f->len - 1;
}

static int add_file(const lf_attachment *a, void *ud)
{
	files *f = ud;
	unsigned char *data;
	size_t len;
	/* A photo by its bytes, not its name; read only when its name or type
	 * says it is a picture (a video is never loaded to be listed). */
	bool picture = !strncmp(a->type, "image/", 6);
	if (!picture || !lf_reception_attachment_bytes(f->st, a, &data, &len)) {
		add_name(f, a->name);
		return 0;
	}
	if (!paper_image_fits(data, len)) {
		free(data);
		add_name(f, a->name);
		return 0;
	}
	lf_paper_photo *im = realloc(f->images, (f->n_images + 1) * sizeof *im);
	unsigned char **b = im ? realloc(f->bytes, (f->n_images + 1) * sizeof *b) : NULL;
	if (im)
		f->images = im;
	if (b)
		f->bytes = b;
	if (!im || !b) {
		free(data);
		add_name(f, a->name);
		return 0;
	}
	f->bytes[f->n_images] = data;
	f->images[f->n_images] = (lf_paper_photo){strdup(a->name), data, len};
	f->n_images++;
	return 0;
}

static void files_free(files *f)
{
	for (size_t i = 0; i < f->n_images; i++) {
		free((char *)f->images[i].name);
		free(f->bytes[i]);
	}
	free(f->images);
	free(f->bytes);
}

/* The day's case numbers, in order, joined by 、. */
typedef struct case_nos {
	char **no;
	size_t n;
} case_nos;

static int add_case(const lf_case *c, void *ud)
{
	case_nos *k = ud;
	char **v = realloc(k->no, (k->n + 1) * sizeof *v);
	if (!v)
		return 1;
	k->no = v;
	k->no[k->n] = strdup(c->case_no ? c->case_no : "");
	if (k->no[k->n])
		k->n++;
	return 0;
}

static int by_no(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_cases(case_nos *k)
{
	if (k->n > 1)
		qsort(k->no, k->n, sizeof *k->no, by_no);
	size_t cap = 1;
	for (size_t i = 0; i < k->n; i++)
		cap += strlen(k->no[i]) + 4;
	char *out = malloc(cap);
	if (out)
		out[0] = '\0';
	for (size_t i = 0; out && i < k->n; i++) {
		if (i)
			strcat(out, "、");
		strcat(out, k->no[i]);
	}
	for (size_t i = 0; i < k->n; i++)
		free(k->no[i]);
	free(k->no);
	return out;
}

static void short_time(const char *iso, char *out, size_t len)
{
	if (!iso || strlen(iso) < 16)
		snprintf(out, len, "%s", iso ? iso : "");
	else
		snprintf(out, len, "%.10s %.5s", iso, iso + 11);
}

static lf_store_err refuse(lf_store *st, lf_store_err kind, char *msg, size_t len, const char *text)
{
	lf_office_set_error(st, kind, text);
	if (msg && len)
		snprintf(msg, len, "%s", text);
	return kind;
}

lf_store_err lf_paper_print_log(lf_store *st, const lf_user *actor, const char *day, const char *path, char *msg,
                                size_t len)
{
	char err[512];
	if (msg && len)
		msg[0] = '\0';
	lf_date d;
	if (!day || !lf_date_parse(day, &d)) {
		snprintf(err, sizeof err, _("not a date: \"%s\" (YYYY-MM-DD)"), day ? day : "");
		return refuse(st, LF_STORE_INVALID, msg, len, err);
	}
	const lf_form_def *form = lf_form_get("reception_log", err, sizeof err);
	if (!form)
		return refuse(st, LF_STORE_IO, msg, len, err);
	/* Permission (register or instruct) is checked by lf_reception_open. */
	lf_reception_log log;
	memset(&log, 0, sizeof log);
	lf_store_err e = lf_reception_open(st, actor, day, &log, msg, len);
	if (e == LF_STORE_OK)
		e = lf_reception_day_held(st, log.day, msg, len);
	if (e != LF_STORE_OK) {
		lf_reception_log_free(&log);
		return e;
	}
	char names[8192] = "", sit_at[32], ins_at[32];
	files f = {.st = st, .names = names, .len = sizeof names};
	if (log.id[0])
		e = lf_reception_attachments(st, log.day, add_file, &f);
	if (e != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_office_errmsg(st));
	case_nos k = {NULL, 0};
	if (e == LF_STORE_OK && (e = lf_case_read_received_on(st, log.day, add_case, &k)) != LF_STORE_OK && msg && len)
		snprintf(msg, len, "%s", lf_office_errmsg(st));
	size_t n_cases = k.n;
	char *cases = join_cases(&k);
	short_time(log.situation_signed_at, sit_at, sizeof sit_at);
	short_time(log.instruction_signed_at, ins_at, sizeof ins_at);
	char head[256];
	paper_head_line(st, head, sizeof head);
	lf_office_info office;
	lf_office_info_read(st, &office);
	lf_paper_log v = {.log = &log, .photos = names, .situation_date = sit_at, .instruction_date = ins_at,
	                  .audit_head = head, .office = &office, .images = f.images, .n_images = f.n_images,
	                  .case_nos = cases, .n_cases = n_cases};
	if (e == LF_STORE_OK && !lf_paper_log_pdf(form, &v, path, err, sizeof err))
		e = refuse(st, LF_STORE_IO, msg, len, err);
	if (e == LF_STORE_OK) {
		e = lf_audit_reception_printed(st, log.id[0] ? log.id : NULL, log.day);
		if (e != LF_STORE_OK) {
			/* A print that cannot be logged is not handed out. */
			unlink(path);
			if (msg && len)
				snprintf(msg, len, "%s", lf_office_errmsg(st));
		}
	}
	free(cases);
	files_free(&f);
	lf_reception_log_free(&log);
	return e;
}

lf_store_err lf_paper_print_log_blank(lf_store *st, const lf_user *actor, const char *path, char *msg, size_t len)
{
	char err[512];
	if (msg && len)
		msg[0] = '\0';
	/* Nobody's data: any person logged in may print it. */
	if (!actor || !actor->active) {
		lf_require(actor, LF_PERM_REGISTER, err, sizeof err);
		return refuse(st, LF_STORE_DENIED, msg, len, err);
	}
	const lf_form_def *form = lf_form_get("reception_log", err, sizeof err);
	if (!form)
		return refuse(st, LF_STORE_IO, msg, len, err);
	lf_office_info office;
	lf_office_info_read(st, &office);
	lf_paper_log v = {.office = &office, .blank = true};
	if (!lf_paper_log_pdf(form, &v, path, err, sizeof err))
		return refuse(st, LF_STORE_IO, msg, len, err);
	return LF_STORE_OK;
}
