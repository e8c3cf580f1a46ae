/* laifang view list|save|rename|delete|show and laifang queue (issue 12):
 * the saved views of the desk for scripts, and a queue's cases (the
 * queue's own filter, a view's, or one given here), one a line. */
#include "laifang/cli.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "laifang/date.h"
#include "laifang/i18n.h"
#include "laifang/office.h"
#include "laifang/paths.h"
#include "laifang/people.h"
#include "laifang/views.h"
#include "laifang/workflow.h"

typedef struct vargs {
	const char *db, *login, *queue, *due, *unit, *leader, *from, *to, *keyword, *view;
	bool pw_stdin, my_unit, shared, replace, help, is_queue;
	const char *pos[4];
	int n_pos;
} vargs;

static void help(FILE *f)
{
	fprintf(f, "%s", _("Usage: laifang [--user LOGIN [--password-stdin]] view COMMAND\n"
	                   "A queue's filter saved under a name, opened with one key (1-9) on the desk.\n"
	                   "  view list                    your views and those shared with the office:\n"
	                   "                               number, name, queue, filter, whose, problem\n"
	                   "  view save NAME --queue Q [FILTER] [--shared] [--replace]\n"
	                   "                               save a filter; --shared: every user sees it\n"
	                   "                               (needs the role supervisor)\n"
	                   "  view rename NAME NEW_NAME    rename one of your views\n"
	                   "  view delete NAME             delete one of your views\n"
	                   "  view show NAME               the view's cases, one a line (NAME or number)\n"
	                   "  queue Q [FILTER]             a queue's cases, one a line\n"
	                   "  queue --view NAME            the same as view show NAME\n"
	                   "FILTER: --due-within N (working days, overdue included), --my-unit or\n"
	                   "--unit UNIT, --leader LOGIN (包案), --from DATE --to DATE (received),\n"
	                   "--keyword TEXT. Queues: screening routing transfer assignment instructions\n"
	                   "handling supervision archive archived owned review rereview.\n"));
}

static int parse(int argc, char **argv, vargs *x)
{
	bool seen = false;
	static const struct {
		const char *name;
		size_t off;
	} opts[] = {
		{"--db", offsetof(vargs, db)},         {"--user", offsetof(vargs, login)},
		{"--queue", offsetof(vargs, queue)},   {"--due-within", offsetof(vargs, due)},
		{"--unit", offsetof(vargs, unit)},     {"--leader", offsetof(vargs, leader)},
		{"--from", offsetof(vargs, from)},     {"--to", offsetof(vargs, to)},
		{"--keyword", offsetof(vargs, keyword)}, {"--view", offsetof(vargs, view)},
	};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		for (size_t k = 0; k < sizeof opts / sizeof opts[0] && !slot; k++)
			if (lf_cli_opt_is(a, opts[k].name))
				slot = (const char **)((char *)x + opts[k].off);
		if (slot) {
			if (!(*slot = lf_cli_opt_value(argc, argv, &i))) {
				fprintf(stderr, _("laifang: %s needs a value\n"), a);
				return 2;
			}
			continue;
		}
		if (lf_cli_opt_is(a, "--lang")) {
			if (!lf_cli_opt_value(argc, argv, &i))
				return 2;
		} else if (!strcmp(a, "--password-stdin"))
			x->pw_stdin = true;
		else if (!strcmp(a, "--my-unit"))
			x->my_unit = true;
		else if (!strcmp(a, "--shared"))
			x->shared = true;
		else if (!strcmp(a, "--replace"))
			x->replace = true;
		else if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			x->help = true;
		else if (a[0] == '-' && a[1]) {
			fprintf(stderr, _("laifang: view: unknown option %s (see laifang view --help)\n"), a);
			return 2;
		} else if (!seen && (!strcmp(a, "view") || !strcmp(a, "queue"))) {
			seen = true;
			x->is_queue = !strcmp(a, "queue");
		} else if (x->n_pos < 4)
			x->pos[x->n_pos++] = a;
		else {
			fprintf(stderr, "%s", _("laifang: too many arguments (see laifang --help)\n"));
			return 2;
		}
	}
	return 0;
}

bool lf_cli_view_wanted(int argc, char **argv)
{
	const char *w = lf_cli_first_word(argc, argv);
	return w && (!strcmp(w, "view") || !strcmp(w, "queue"));
}

static int fail(lf_store *st, lf_store_err e, const char *msg)
{
	fprintf(stderr, "laifang: %s\n", msg && msg[0] ? msg : lf_office_errmsg(st));
	return lf_cli_status(e);
}

/* The filter of the options; false with the reason printed. */
static bool filter_of(lf_store *st, const lf_user *me, const vargs *x, lf_view_filter *vf)
{
	lf_queue_id q;
	if (!x->queue || !lf_queue_parse(x->queue, &q)) {
		fprintf(stderr, _("laifang: --queue needs a queue's key, not \"%s\" (see laifang view --help)\n"),
		        x->queue ? x->queue : "");
		return false;
	}
	lf_view_filter_init(vf, q);
	if (x->due) {
		char *end = NULL;
		long n = strtol(x->due, &end, 10);
		if (!x->due[0] || *end || n < 0 || n > LF_VIEW_DUE_MAX) {
			fprintf(stderr, _("laifang: --due-within is 0 to %d working days\n"), LF_VIEW_DUE_MAX);
			return false;
		}
		vf->due_within = (int)n;
	}
	if (x->my_unit && x->unit) {
		fprintf(stderr, "%s", _("laifang: --my-unit and --unit do not go together\n"));
		return false;
	}
	vf->my_unit = x->my_unit;
	char msg[512];
	if (x->unit) {
		lf_unit u;
		memset(&u, 0, sizeof u);
		if (lf_people_get_unit(st, me, x->unit, &u, msg, sizeof msg) != LF_STORE_OK) {
			fprintf(stderr, "laifang: %s\n", msg[0] ? msg : lf_office_errmsg(st));
			return false;
		}
		snprintf(vf->unit_id, sizeof vf->unit_id, "%s", u.id);
		lf_unit_free(&u);
	}
	if (x->leader) {
		lf_user u;
		memset(&u, 0, sizeof u);
		if (lf_people_get_user(st, me, x->leader, &u, msg, sizeof msg) != LF_STORE_OK) {
			fprintf(stderr, "laifang: %s\n", msg[0] ? msg : lf_office_errmsg(st));
			return false;
		}
		snprintf(vf->leader_id, sizeof vf->leader_id, "%s", u.id);
		lf_user_free(&u);
	}
	/* A date as the desk takes it (2026/11/23, 2026年11月23日...), kept
	 * YYYY-MM-DD; anything else is left for the view's check to name. */
	const char *dates[2] = {x->from, x->to};
	char *into[2] = {vf->from, vf->to};
	for (int i = 0; i < 2; i++) {
		lf_date d;
		if (dates[i] && lf_date_parse(dates[i], &d) && lf_date_valid(d.y, d.m, d.d))
			lf_date_format(d, into[i]);
		else if (dates[i] && strlen(dates[i]) < LF_DATE_LEN)
			snprintf(into[i], LF_DATE_LEN, "%s", dates[i]);
		else if (dates[i]) {
			fprintf(stderr, "%s", _("laifang: a date or the keyword is too long\n"));
			return false;
		}
	}
	snprintf(vf->keyword, sizeof vf->keyword, "%s", x->keyword ? x->keyword : "");
	if (x->keyword && strlen(x->keyword) >= sizeof vf->keyword) {
		fprintf(stderr, "%s", _("laifang: a date or the keyword is too long\n"));
		return false;
	}
	return true;
}

static int list_one(const lf_saved_view *v, void *ud)
{
	(void)ud;
	char what[512];
	lf_view_describe(v, what, sizeof what);
	printf("%d\t%s\t%s\t%s\t%s\t%s\n", v->number, v->name,
	       (unsigned)v->filter.queue < LF_Q_COUNT ? lf_queue_key(v->filter.queue) : "?", what,
	       v->mine ? (v->shared ? _("mine, shared") : _("mine")) : (v->owner_login ? v->owner_login : "?"),
	       v->problem[0] ? v->problem : "");
	return 0;
}

typedef struct printer {
	int n;
	char no[32], due[11];
	bool urgent;
} printer;

static int print_case(const lf_queue_row *r, void *ud)
{
	printer *p = ud;
	lf_case_state s;
	const char *state = r->state && lf_state_parse(r->state, &s) ? lf_state_label(s) : (r->state ? r->state : "");
	printf("%s\t%s\t%s\t%s\t%s\n", r->case_no ? r->case_no : "", state, r->due_on ? r->due_on : "",
	       r->unit_name ? r->unit_name : "", r->name ? r->name : "");
	snprintf(p->no, sizeof p->no, "%s", r->case_no ? r->case_no : "");
	snprintf(p->due, sizeof p->due, "%s", r->due_on ? r->due_on : "");
	p->urgent = r->urgent;
	p->n++;
	return 0;
}

#define PAGE 200

/* Every case of the filter, page by page (keyset, never OFFSET). */
static int show(lf_store *st, const lf_user *me, const lf_view_filter *vf)
{
	char msg[1024];
	lf_view_query q;
	if (!lf_view_query_make(st, me, vf, &q, msg, sizeof msg))
		return fail(st, lf_office_errcode(st), msg);
	printer p = {0};
	for (;;) {
		lf_queue_filter f = q.f;
		f.limit = PAGE;
		char after_no[32], after_due[11];
		if (p.n) {
			snprintf(after_no, sizeof after_no, "%s", p.no);
			snprintf(after_due, sizeof after_due, "%s", p.due);
			f.after_case_no = after_no;
			f.after_due_on = after_due;
			f.after_urgent = p.urgent;
		}
		int before = p.n;
		lf_store_err e = lf_queue_each(st, &f, print_case, &p);
		if (e != LF_STORE_OK)
			return fail(st, e, NULL);
		if (p.n - before < PAGE)
			break;
	}
	if (p.n == 0)
		fprintf(stderr, "%s", _("laifang: no case\n"));
	return 0;
}

static int run(lf_store *st, const lf_user *me, const vargs *x)
{
	char msg[1024] = "";
	lf_store_err e;
	if (x->is_queue) {
		lf_view_filter vf;
		if (x->view) {
			lf_saved_view sv;
			if ((e = lf_view_find(st, me, x->view, &sv, msg, sizeof msg)) != LF_STORE_OK)
				return fail(st, e, msg);
			int rc = 0;
			if (sv.problem[0]) {
				fprintf(stderr, _("laifang: the view %s does not open: %s\n"), sv.name, sv.problem);
				rc = 1;
			} else {
				rc = show(st, me, &sv.filter);
			}
			lf_saved_view_free(&sv);
			return rc;
		}
		lf_view_filter_init(&vf, LF_Q_COUNT);
		vargs y = *x;
		y.queue = x->pos[0];
		return filter_of(st, me, &y, &vf) ? show(st, me, &vf) : 1;
	}
	const char *cmd = x->pos[0];
	if (!strcmp(cmd, "list")) {
		e = lf_views_each(st, me, list_one, NULL, msg, sizeof msg);
		return e == LF_STORE_OK ? 0 : fail(st, e, msg);
	}
	if (!strcmp(cmd, "save")) {
		lf_view_filter vf;
		if (!filter_of(st, me, x, &vf))
			return 1;
		e = lf_view_save(st, me, x->pos[1], &vf, x->shared, x->replace, msg, sizeof msg);
		if (e == LF_STORE_CONFLICT)
			return fail(st, e, _("you already have a view of that name: --replace replaces it"));
		if (e != LF_STORE_OK)
			return fail(st, e, msg);
		lf_saved_view sv;
		if (lf_view_find(st, me, x->pos[1], &sv, NULL, 0) == LF_STORE_OK) {
			printf(_("view %d saved: %s\n"), sv.number, sv.name);
			lf_saved_view_free(&sv);
		}
		return 0;
	}
	if (!strcmp(cmd, "rename")) {
		e = lf_view_rename(st, me, x->pos[1], x->pos[2], msg, sizeof msg);
		if (e == LF_STORE_OK)
			printf(_("view %s renamed %s\n"), x->pos[1], x->pos[2]);
		return e == LF_STORE_OK ? 0 : fail(st, e, msg);
	}
	if (!strcmp(cmd, "delete")) {
		e = lf_view_delete(st, me, x->pos[1], msg, sizeof msg);
		if (e == LF_STORE_OK)
			printf(_("view %s deleted\n"), x->pos[1]);
		return e == LF_STORE_OK ? 0 : fail(st, e, msg);
	}
	/* show */
	vargs y = *x;
	y.is_queue = true;
	y.view = x->pos[1];
	return run(st, me, &y);
}

/* The words: view COMMAND and how many arguments it takes. */
static bool well_formed(const vargs *x)
{
	bool filter = x->queue || x->due || x->unit || x->leader || x->from || x->to || x->keyword || x->my_unit;
	if (x->is_queue) {
		if (x->view)
			return x->n_pos == 0 && !filter && !x->shared && !x->replace;
		return x->n_pos == 1 && !x->queue && !x->shared && !x->replace;
	}
	if (x->view || x->n_pos == 0)
		return false;
	static const struct {
		const char *w;
		int n;
		bool filter;
	} t[] = {{"list", 0, false}, {"save", 1, true}, {"rename", 2, false}, {"delete", 1, false}, {"show", 1, false}};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(t[i].w, x->pos[0]))
			return x->n_pos == t[i].n + 1 && (t[i].filter || (!filter && !x->shared && !x->replace));
	return false;
}

int lf_cli_view_main(int argc, char **argv)
{
	vargs x;
	memset(&x, 0, sizeof x);
	int rc = parse(argc, argv, &x);
	if (rc)
		return rc;
	lf_cli_clean_stdout();
	if (x.help) {
		help(stdout);
		return 0;
	}
	if (!well_formed(&x)) {
		help(stderr);
		return 2;
	}
	lf_store *st;
	lf_user me = {0};
	rc = lf_cli_handover_open(x.db, x.login, x.pw_stdin, x.is_queue ? "queue" : "view", x.is_queue ? "queue QUEUE" : "view COMMAND", &st, &me);
	if (rc)
		return rc;
	return lf_cli_handover_close(st, &me, run(st, &me, &x));
}
