/* The print key of the case screen: choose the sheet or a notice, the
 * file (default ~/laifang-CASE-KIND.pdf), write the PDF through core
 * (lf_paper_print: masked as the screen is, audited), and where an lp
 * command exists, offer to send it to the printer. */
#include "tui_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "laifang/case_read.h"
#include "laifang/office.h"
#include "laifang/i18n.h"
#include "laifang/notice_no.h"
#include "laifang/notice_text.h"
#include "laifang/paper.h"

extern char **environ;

/* The printer command on PATH (the same search as `command -v lp`). */
static bool find_lp(char *out, size_t len)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		return false;
	while (*path) {
		size_t n = strcspn(path, ":");
		if (n > 0) {
			snprintf(out, len, "%.*s/lp", (int)n, path);
			if (access(out, X_OK) == 0)
				return true;
		}
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

/* lp FILE, quietly (the terminal is ours): true when it said it queued it. */
static bool send_to_lp(const char *lp, const char *file)
{
	posix_spawn_file_actions_t fa;
	if (posix_spawn_file_actions_init(&fa) != 0)
		return false;
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	char *argv[] = {(char *)"lp", (char *)"--", (char *)file, NULL};
	pid_t pid;
	int rc = posix_spawn(&pid, lp, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return false;
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* "~/x.pdf" → "$HOME/x.pdf". */
static void expand_home(const char *in, char *out, size_t len)
{
	const char *home = getenv("HOME");
	if (in[0] == '~' && (in[1] == '/' || in[1] == '\0') && home && *home)
		snprintf(out, len, "%s%s", home, in + 1);
	else
		snprintf(out, len, "%s", in);
}

/* The file (asked, default ~/laifang-CASE-KEY.pdf), the PDF written
 * (receipt, or the kind), then lp when it exists. */
static void print_to_file(lf_tui *t, const char *title, const char *case_no, const char *key, bool receipt,
                          lf_paper_kind kind, const char *ground, const char *log_day)
{
	char typed[1024], path[1200];
	snprintf(typed, sizeof typed, "~/laifang-%s-%s.pdf", case_no, key);
	for (;;) {
		if (!lf_prompt_line(title, _("PDF file"), false, typed, sizeof typed))
			return;
		expand_home(typed, path, sizeof path);
		struct stat sb;
		if (!path[0])
			continue;
		if (stat(path, &sb) != 0)
			break;
		char q[1400];
		snprintf(q, sizeof q, _("%s exists. Replace it?"), path);
		if (lf_dialog_confirm(q, false))
			break;
	}

	char msg[768];
	lf_store_err e = log_day   ? lf_paper_print_log(t->st, t->me, log_day, path, msg, sizeof msg)
	                 : receipt ? lf_paper_print_receipt(t->st, t->me, case_no, path, msg, sizeof msg)
	                           : lf_paper_print_notice(t->st, t->me, case_no, kind, ground, path, msg, sizeof msg);
	if (e != LF_STORE_OK) {
		lf_dialog_text(_("Not printed"), msg[0] ? msg : lf_office_errmsg(t->st));
		return;
	}
	char lp[1024], done[1400];
	if (find_lp(lp, sizeof lp)) {
		snprintf(done, sizeof done, _("Written to %s. Send it to the printer (lp)?"), path);
		if (!lf_dialog_confirm(done, true))
			return;
		if (send_to_lp(lp, path))
			snprintf(done, sizeof done, _("%s was sent to the printer."), path);
		else
			snprintf(done, sizeof done, _("lp could not print %s; the file is kept."), path);
		lf_dialog_text(_("Print"), done);
		return;
	}
	snprintf(done, sizeof done, _("Written to %s (mode 0600)."), path);
	lf_dialog_text(_("Print"), done);
}

void lf_print_receipt_dialog(lf_tui *t, const char *case_no)
{
	char title[128];
	snprintf(title, sizeof title, _("Print the receipt (回执) of case %s"), case_no ? case_no : "");
	print_to_file(t, title, case_no ? case_no : "", "receipt", true, LF_PAPER_SHEET, NULL, NULL);
}

void lf_print_case_dialog(lf_tui *t, const char *case_id)
{
	static const lf_paper_kind kinds[] = {LF_PAPER_SHEET,  LF_PAPER_ACCEPT, LF_PAPER_DECLINE, LF_PAPER_TRANSFER,
	                                      LF_PAPER_ASSIGN, LF_PAPER_EXTEND, LF_PAPER_REFER,   LF_PAPER_ANSWER,
	                                      LF_PAPER_REFER_LAW, LF_PAPER_REVIEW, LF_PAPER_REREVIEW, LF_PAPER_EVALUATION,
	                                      LF_PAPER_SUPERVISE, LF_PAPER_AGREEMENT};
	enum { N = sizeof kinds / sizeof kinds[0] };
	/* Issue 13: the newest supervision notice and agreement of the case
	 * (laifang print --notice supervise:N picks an earlier one). */
	const char *what[N] = {_("Registration sheet"), _("Acceptance notice"), _("Non-acceptance notice"),
	                       _("Transfer notice"),    _("Assignment notice"), _("Extension notice"),
	                       _("Referral notice"),    _("Written answer"),
	                       _("Notice of transfer to the political-legal organs"),
	                       _("Review decision"),    _("Re-review decision"), _("Evaluation form"),
	                       _("Supervision notice"), _("Agreement")};
	/* Issue 12: the sheet, then only the notices the case has a decision
	 * for, each once. Issue 15: the visitor's receipt, last (it is not a
	 * kind of paper of lf_paper_print). */
	unsigned has = lf_paper_notices_of(t->st, case_id) | 1u << LF_PAPER_SHEET;
	char shown[N + 1][160];
	const char *items[N + 1];
	size_t at[N + 1]; /* the menu's item → kinds[] (N: the receipt) */
	size_t ni = 0;
	for (size_t i = 0; i < N; i++) {
		if (!(has & 1u << kinds[i]))
			continue;
		const char *title = kinds[i] == LF_PAPER_AGREEMENT ? "调解协议书 / 和解协议书" : lf_paper_title(kinds[i]);
		/* The paper's own title, after the desk's word for it when that
		 * says something else (a Chinese desk's word is the title). */
		if (strstr(title, what[i]))
			snprintf(shown[ni], sizeof shown[ni], "%s", title);
		else
			snprintf(shown[ni], sizeof shown[ni], "%s  %s", what[i], title);
		items[ni] = shown[ni];
		at[ni++] = i;
	}
	if (strstr("信访事项登记回执", _("Receipt")))
		snprintf(shown[ni], sizeof shown[ni], "%s", "信访事项登记回执");
	else
		snprintf(shown[ni], sizeof shown[ni], "%s  %s", _("Receipt"), "信访事项登记回执");
	items[ni] = shown[ni];
	at[ni++] = N;

	/* The case number, for the title and the file name (the file itself is
	 * read through core when printed). */
	char case_no[32] = "";
	lf_case c;
	if (lf_case_read(t->st, case_id, &c) == LF_STORE_OK) {
		snprintf(case_no, sizeof case_no, "%s", c.case_no ? c.case_no : "");
		lf_case_free(&c);
	} else {
		lf_dialog_text(_("Print"), lf_office_errmsg(t->st));
		return;
	}

	char title[128];
	snprintf(title, sizeof title, _("Print case %s"), case_no);
	int pick = lf_dialog_menu(title, items, ni);
	if (pick < 0)
		return;
	if (at[pick] == N) {
		print_to_file(t, title, case_no, "receipt", true, LF_PAPER_SHEET, NULL, NULL);
		return;
	}
	lf_paper_kind kind = kinds[at[pick]];

	/* A decline notice printed the first time: the ground whose route it
	 * gives (issue 15); later prints keep the one recorded then. */
	const char *ground = NULL;
	lf_notice_no issued;
	if (kind == LF_PAPER_DECLINE &&
	    lf_notice_number_read(t->st, case_id, lf_paper_key(kind), &issued) == LF_STORE_NOTFOUND) {
		const lf_decline_ground *g = lf_decline_grounds();
		const char *grounds[16];
		size_t n = 0;
		grounds[n++] = _("No ground: the reason only, no route");
		for (; g[n - 1].key && n < sizeof grounds / sizeof grounds[0]; n++)
			grounds[n] = _(g[n - 1].label);
		int gp = lf_dialog_menu(_("Why is it declined? The notice gives the route of that ground only"), grounds, n);
		if (gp < 0)
			return;
		ground = gp > 0 ? g[gp - 1].key : NULL;
	}
	print_to_file(t, title, case_no, lf_paper_key(kind), false, kind, ground, NULL);
}

void lf_print_log_dialog(lf_tui *t, const char *day)
{
	char title[128];
	snprintf(title, sizeof title, _("Print the reception-day log of %s"), day);
	print_to_file(t, title, "log", day, false, LF_PAPER_SHEET, NULL, day);
}
