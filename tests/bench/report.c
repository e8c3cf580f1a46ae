/* Timing and the printed table; the pairs of measures. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "laifang/form.h"
#include "laifang/paper.h"

double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n ? v[n / 2] : 0;
}

double p99(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n ? v[(n * 99) / 100] : 0;
}

void fail(const char *what, const char *msg)
{
	fprintf(stderr, "bench: %s: %s\n", what, msg ? msg : "");
	exit(2);
}

void die(lf_store *st)
{
	fail("store", lf_store_errmsg(st));
}

lf_store *open_store(const bench_db *db)
{
	lf_store_err e;
	char msg[512];
	lf_store *st = lf_store_open(db->target, &e, msg, sizeof msg);
	if (!st)
		fail("open", msg);
	trace_install(st);
	return st;
}

/* A line ("VmHWM:") of /proc/PID/status, in KiB; -1 when missing. */
long proc_status_kib(pid_t pid, const char *key)
{
	char path[64], line[256];
	if (pid > 0)
		snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	else
		snprintf(path, sizeof path, "/proc/self/status");
	FILE *f = fopen(path, "r");
	long v = -1;
	size_t len = strlen(key);
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, key, len)) {
			v = atol(line + len);
			break;
		}
	if (f)
		fclose(f);
	return v;
}

void report_head(void)
{
	printf("%-7s %8s  %-40s %10s %10s %8s\n", "backend", "cases", "measure", "laifang", "raw", "ratio");
}

void report(const bench_db *db, const char *what, double ours, double raw, const char *unit)
{
	printf("%-7s %8ld  %-40s %10.4f %10.4f %7.2f×  %s\n", db->backend, db->size, what, ours, raw,
	       raw > 0 ? ours / raw : 0, unit);
	fflush(stdout);
}

void report_alone(const bench_db *db, const char *what, double value, const char *unit)
{
	printf("%-7s %8ld  %-40s %10.4f %10s %8s  %s\n", db->backend, db->size, what, value, "-", "-", unit);
	fflush(stdout);
}

void measure_pair(const bench_db *db, const bench_pair *p, int samples, const char *what, const char *unit,
                  bool with_p99)
{
	double *ours = calloc((size_t)samples, sizeof *ours), *base = calloc((size_t)samples, sizeof *base);
	bench_trace t = {0};
	int unknown = 0;
	if (!ours || !base)
		fail("bench", "out of memory");
	/* Slow measures stop after 11 samples or 5 seconds, whichever is later. */
	double start = now_ms();
	for (int i = 0; i < samples; i++) {
		if (i >= 11 && now_ms() - start > 5000) {
			samples = i;
			break;
		}
		if (p->key)
			p->key(p->ud, i);
		if (i == 0 || !p->same_key) { /* the statements of this key, untimed */
			trace_start(&t);
			p->ours(p->ud);
			trace_stop();
			unknown = t.unknown;
			if (i == 0 && getenv("BENCH_TRACE")) /* the statements, to EXPLAIN them */
				for (size_t k = 0; k < t.n; k++) {
					fprintf(stderr, "-- %s [%zu]\n%s\n", what, k, t.runs[k].sql);
					for (int v = 0; v < t.runs[k].n; v++)
						if (t.runs[k].v[v].type == SQL_INTEGER)
							fprintf(stderr, "--   $%d = %lld\n", v + 1, t.runs[k].v[v].i);
						else
							fprintf(stderr, "--   $%d = '%s'\n", v + 1,
							        t.runs[k].v[v].t ? t.runs[k].v[v].t : "NULL");
				}
		}
		for (int turn = 0; turn < 2; turn++) {
			double t0 = now_ms();
			if ((turn == 0) == (i % 2 == 0)) {
				p->ours(p->ud);
				ours[i] = now_ms() - t0;
			} else {
				raw_replay(p->raw, &t);
				base[i] = now_ms() - t0;
			}
		}
	}
	char label[160];
	snprintf(label, sizeof label, "%s%s%s", what, with_p99 ? ", median" : "", unknown ? " (!)" : "");
	if (unknown)
		fprintf(stderr, "bench: %s: %d statements prepared before the trace not replayed\n", what, unknown);
	report(db, label, median(ours, (size_t)samples), median(base, (size_t)samples), unit);
	if (with_p99) {
		snprintf(label, sizeof label, "%s, p99", what);
		report(db, label, p99(ours, (size_t)samples), p99(base, (size_t)samples), unit);
	}
	trace_clear(&t);
	free(ours);
	free(base);
}

/* Printing a long text: the registration sheet of a case whose content is
 * lines short and long, 20,000 characters each time (issue 10: 2,000 lines
 * of 10 took 41 s while every line was measured from the first). Time
 * should grow with the text, not its square: 1,000 lines beside 10,000. */
void bench_pdf(const char *dir)
{
	char ferr[256], path[4096], err[512];
	const lf_form_def *form = lf_form_get("registration", ferr, sizeof ferr);
	if (!form) {
		fprintf(stderr, "bench: %s\n", ferr);
		return;
	}
	snprintf(path, sizeof path, "%s/bench-sheet.pdf", dir);
	static const int lines[] = {1000, 2000, 10000};
	for (size_t k = 0; k < sizeof lines / sizeof lines[0]; k++) {
		int n = lines[k], per = 20000 / n - 1; /* characters a line, then the line break */
		char *content = malloc((size_t)n * ((size_t)per * 3 + 1) + 1), *w = content;
		if (!content)
			fail("bench", "out of memory");
		for (int i = 0; i < n; i++) {
			for (int c = 0; c < per; c++)
				w += sprintf(w, "%s", c ? "访" : "信");
			*w++ = '\n';
		}
		*w = '\0';
		lf_case c = {.case_no = "2026-000001", .name = "李秀英", .content = content};
		double t0 = now_ms();
		if (!lf_paper_sheet_pdf(form, &c, path, err, sizeof err))
			fprintf(stderr, "bench: %s\n", err);
		char what[64];
		snprintf(what, sizeof what, "sheet PDF, %d lines of %d", n, per);
		printf("%-7s %8s  %-40s %10.1f %10s %8s  ms (20,000 characters)\n", "-", "-", what, now_ms() - t0, "-",
		       "-");
		free(content);
	}
	unlink(path);
}
