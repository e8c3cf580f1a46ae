/* A keystroke on the registration sheet, as the clerk waits for it (issue
 * 12: under 16 ms at 1,000,000 cases): the real laifang binary on the
 * measured office, in a pseudo-terminal of 80×24, logged in as a clerk,
 * the sheet open (F4); each sample writes one key to the terminal and waits
 * for the character to come back in the screen's output. Beside it, the
 * same keys to a minimal curses program that only echoes them (this binary
 * run as `laifang-bench --echo`): the floor any curses application pays for
 * a key through a terminal. Samples alternate between the two. The office
 * gains one user, the bench's clerk, the first time (like the leaders the
 * office generator adds); the sheet is left with Esc and its draft
 * discarded, so no case is added. */
#define _GNU_SOURCE
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ncurses.h>

#include "laifang/auth.h"
#include "laifang/store_people.h"

#define CLERK_LOGIN "bench-clerk"
#define CLERK_PASSWORD "Bench-clerk-2025"
#define DESK_LOGIN "bench-desk" /* a clerk who also supervises: reads the audit log */
#define PAGES 500               /* PgDn through the audit log */
#define KEYS 200          /* samples of each */
#define WAIT_MS 20000     /* a screen that takes longer has failed */

typedef struct term {
	pid_t pid;
	int fd;
	char seen[65536]; /* output since the last wait, for the needle */
	size_t n;
} term;

static bool spawn(term *t, char *const argv[], const char *home)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	memset(t, 0, sizeof *t);
	t->pid = forkpty(&t->fd, NULL, NULL, &ws);
	if (t->pid < 0)
		return false;
	if (t->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("LANGUAGE", "en", 1);
		/* Drafts of its own, not those of the user running the bench (the
		 * office key stays where the office generator put it: the config
		 * folder). */
		setenv("XDG_STATE_HOME", home, 1);
		unsetenv("LAIFANG_STATE_DIR");
		execv(argv[0], argv);
		_exit(127);
	}
	return true;
}

static void stop(term *t)
{
	if (t->pid > 0 && waitpid(t->pid, NULL, WNOHANG) == 0) {
		kill(t->pid, SIGTERM);
		waitpid(t->pid, NULL, 0);
	}
	close(t->fd);
}

/* Read what is there within ms; false at the end of the output. */
static bool take(term *t, int ms)
{
	struct pollfd p = {.fd = t->fd, .events = POLLIN};
	if (poll(&p, 1, ms) <= 0)
		return true;
	char buf[4096];
	ssize_t r = read(t->fd, buf, sizeof buf);
	if (r <= 0)
		return false;
	if (t->n + (size_t)r >= sizeof t->seen) { /* keep the tail: a needle is short */
		size_t keep = sizeof t->seen / 2;
		memmove(t->seen, t->seen + t->n - keep, keep);
		t->n = keep;
	}
	memcpy(t->seen + t->n, buf, (size_t)r);
	t->n += (size_t)r;
	t->seen[t->n] = '\0';
	return true;
}

/* Wait until needle has come out (since the last wait). */
static bool wait_for(term *t, const char *needle)
{
	double start = now_ms();
	while (now_ms() - start < WAIT_MS) {
		if (memmem(t->seen, t->n, needle, strlen(needle))) {
			t->n = 0;
			return true;
		}
		if (!take(t, 50))
			return false;
	}
	return false;
}

static void drain(term *t)
{
	double start = now_ms();
	size_t before;
	do { /* until 30 ms pass without output */
		before = t->n;
		take(t, 30);
	} while (t->n != before && now_ms() - start < 2000);
	t->n = 0;
}

static void send_keys(term *t, const char *s)
{
	size_t len = strlen(s);
	while (len > 0) {
		ssize_t w = write(t->fd, s, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

/* One key, timed until expect comes back; NAN-free: WAIT_MS when it never does. */
static double one_key(term *t, const char *key, const char *expect)
{
	drain(t);
	double t0 = now_ms();
	send_keys(t, key);
	while (!memmem(t->seen, t->n, expect, strlen(expect)) && now_ms() - t0 < WAIT_MS)
		if (!take(t, 100))
			break;
	double ms = now_ms() - t0;
	t->n = 0;
	return ms;
}

/* The floor: a curses program that echoes each character and erases on
 * Backspace, nothing else. */
int bench_echo_main(void)
{
	setlocale(LC_ALL, "");
	initscr();
	raw();
	noecho();
	keypad(stdscr, TRUE);
	mvaddstr(0, 0, "echo ready");
	move(2, 0);
	refresh();
	for (;;) {
		wint_t ch;
		int r = get_wch(&ch);
		if (r == ERR)
			break;
		if (r == OK && ch == 'q')
			break;
		if ((r == KEY_CODE_YES && ch == KEY_BACKSPACE) || (r == OK && (ch == 127 || ch == 8))) {
			int y, x;
			getyx(stdscr, y, x);
			if (x >= 2) {
				mvaddstr(y, x - 2, "  ");
				move(y, x - 2);
			}
		} else if (r == OK) {
			wchar_t w[2] = {(wchar_t)ch, 0};
			addwstr(w);
		}
		refresh();
	}
	endwin();
	return 0;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void remove_tree(const char *dir)
{
	nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* A user of the bench's, added once, its password hashed at the office's
 * parameters (the desk's peak then shows argon2id's 64 MiB). */
static bool user_ready(const bench_db *db, const char *login, unsigned roles)
{
	lf_store *st = open_store(db);
	lf_user u;
	bool ok = lf_store_user_get(st, login, &u, NULL) == LF_STORE_OK;
	if (ok) {
		lf_user_free(&u);
	} else {
		char hash[LF_PWHASH_LEN];
		ok = lf_password_hash(CLERK_PASSWORD, hash) == 0 &&
		     lf_store_user_add(st, login, "测速接待员", "", NULL, roles, hash, NULL) == LF_STORE_OK;
	}
	lf_store_close(st);
	return ok;
}

static double rss_mib(pid_t pid, const char *key)
{
	long kib = proc_status_kib(pid, key);
	return kib < 0 ? -1 : kib / 1024.0;
}

static bool login(term *t, const char *user)
{
	if (!wait_for(t, "Password"))
		return false;
	drain(t); /* the prompt drawn whole before the first key */
	send_keys(t, user);
	send_keys(t, "\r");
	drain(t);
	send_keys(t, CLERK_PASSWORD "\r");
	return wait_for(t, "Today's registrations");
}

/* The desk's resident memory as a person works (issue 16: steady under
 * 32 MiB at any size, flat while scrolling): logged in at home, then the
 * audit log (F8, the longest list: every save adds entries) paged down
 * PAGES times, to its end and back to its start. Beside each, the curses
 * echo program's resident memory: the floor of a curses process. */
static void desk_memory(const bench_db *db, char *const argv[], const char *home, pid_t echo_pid)
{
	if (!user_ready(db, DESK_LOGIN, LF_ROLE_CLERK | LF_ROLE_SUPERVISOR)) {
		fprintf(stderr, "bench: desk memory: could not add the bench's user\n");
		return;
	}
	term desk;
	if (!spawn(&desk, argv, home))
		fail("desk memory", "forkpty failed");
	double floor = rss_mib(echo_pid, "VmRSS:");
	if (!login(&desk, DESK_LOGIN)) {
		fprintf(stderr, "bench: desk memory: no home screen (%.200s)\n", desk.seen);
		stop(&desk);
		return;
	}
	drain(&desk);
	report(db, "desk VmRSS: home after login", rss_mib(desk.pid, "VmRSS:"), floor, "MiB (vs curses echo)");
	send_keys(&desk, "\033[19~"); /* F8 */
	if (!wait_for(&desk, "audit log")) {
		fprintf(stderr, "bench: desk memory: no audit log (%.200s)\n", desk.seen);
		stop(&desk);
		return;
	}
	drain(&desk);
	double opened = rss_mib(desk.pid, "VmRSS:");
	report(db, "desk VmRSS: audit log open", opened, floor, "MiB (vs curses echo)");
	/* Half the pages, then the other half and the two ends: the first half
	 * fills SQLite's page cache (2 MiB by default), after which a list that
	 * keeps only its visible rows stays flat. */
	double half = 0;
	for (int i = 0; i < PAGES; i++) {
		if (i == PAGES / 2)
			half = rss_mib(desk.pid, "VmRSS:");
		send_keys(&desk, "\033[6~"); /* PgDn */
		drain(&desk);
	}
	double paged = rss_mib(desk.pid, "VmRSS:");
	report(db, "desk VmRSS: audit log, 500 PgDn", paged, floor, "MiB (vs curses echo)");
	for (int i = 0; i < 10; i++) { /* End, Home: the two ends of the log */
		send_keys(&desk, "\033OF");
		drain(&desk);
		send_keys(&desk, "\033OH");
		drain(&desk);
	}
	double ends = rss_mib(desk.pid, "VmRSS:");
	report(db, "desk VmRSS: then End/Home ×10", ends, floor, "MiB (vs curses echo)");
	report_alone(db, "desk VmRSS grew: open to the end", ends - opened, "MiB (with the page cache)");
	report_alone(db, "desk VmRSS grew: 2nd 250 PgDn, End/Home", ends - half, "MiB (goal ±1)");
	report_alone(db, "desk VmHWM (argon2id login: 64 MiB)", rss_mib(desk.pid, "VmHWM:"), "MiB");
	send_keys(&desk, "\033[21~"); /* F10 from the log quits */
	for (int i = 0; i < 50 && waitpid(desk.pid, NULL, WNOHANG) == 0; i++)
		take(&desk, 100);
	stop(&desk);
}

void bench_keystroke(const bench_db *db)
{
	const char *laifang = getenv("BENCH_LAIFANG");
	if (!laifang || access(laifang, X_OK) != 0) {
		fprintf(stderr, "bench: keystroke: set BENCH_LAIFANG to the laifang binary\n");
		return;
	}
	if (!user_ready(db, CLERK_LOGIN, LF_ROLE_CLERK)) {
		fprintf(stderr, "bench: keystroke: could not add the bench's clerk\n");
		return;
	}
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return;
	self[n] = '\0';
	char *desk_argv[] = {(char *)laifang, "--db", (char *)db->target, NULL};
	char *echo_argv[] = {self, "--echo", NULL};
	char home[] = "/tmp/laifang-keystroke-XXXXXX";
	if (!mkdtemp(home))
		fail("keystroke", "mkdtemp failed");
	term desk, echo;
	if (!spawn(&desk, desk_argv, home) || !spawn(&echo, echo_argv, home))
		fail("keystroke", "forkpty failed");
	bool ready = login(&desk, CLERK_LOGIN);
	if (ready) {
		drain(&desk);
		send_keys(&desk, "\033OS"); /* F4: a new sheet, the cursor in 来访人姓名 */
		ready = wait_for(&desk, "群众来访登记表");
	}
	if (!ready || !wait_for(&echo, "echo ready")) {
		fprintf(stderr, "bench: keystroke: the desk did not open the sheet (%.200s)\n", desk.seen);
		stop(&desk);
		stop(&echo);
		remove_tree(home);
		return;
	}
	double *ours = calloc(KEYS, sizeof *ours), *base = calloc(KEYS, sizeof *base);
	if (!ours || !base)
		fail("keystroke", "out of memory");
	/* 王 typed then erased, so the field never fills; only the typed key
	 * is timed (its glyph is what the clerk waits to see). */
	for (int i = 0; i < KEYS; i++) {
		for (int turn = 0; turn < 2; turn++) {
			term *t = (turn == 0) == (i % 2 == 0) ? &desk : &echo;
			double ms = one_key(t, "王", "王");
			(t == &desk ? ours : base)[i] = ms;
			send_keys(t, "\177");
		}
	}
	report(db, "keystroke on the sheet (pty), median", median(ours, KEYS), median(base, KEYS), "ms (vs curses echo)");
	report(db, "keystroke on the sheet (pty), p99", p99(ours, KEYS), p99(base, KEYS), "ms (vs curses echo)");
	free(ours);
	free(base);
	report(db, "desk VmRSS: the sheet after 400 keys", rss_mib(desk.pid, "VmRSS:"), rss_mib(echo.pid, "VmRSS:"),
	       "MiB (vs curses echo)");
	/* Leave without a case: Esc (it asks to drop what was typed when the
	 * sheet kept anything: y), then F10 from home, so no draft is kept. */
	drain(&desk);
	send_keys(&desk, "\033");
	double t0 = now_ms();
	while (now_ms() - t0 < 2000 && !memmem(desk.seen, desk.n, "Drop", 4) &&
	       !memmem(desk.seen, desk.n, "Today's registrations", 21))
		take(&desk, 100);
	if (memmem(desk.seen, desk.n, "Drop", 4)) {
		send_keys(&desk, "y");
		wait_for(&desk, "Today's registrations");
	}
	send_keys(&desk, "\033[21~"); /* F10 */
	for (int i = 0; i < 50 && waitpid(desk.pid, NULL, WNOHANG) == 0; i++)
		take(&desk, 100);
	stop(&desk);
	desk_memory(db, desk_argv, home, echo.pid);
	send_keys(&echo, "q");
	stop(&echo);
	remove_tree(home);
}
