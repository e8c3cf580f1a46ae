/* laifang-bench DIR [--pg URI] [--backends "sqlite pg"] SIZE...
 *
 * For each size: the synthetic office of SIZE cases, generated once into
 * DIR/office-SIZE.db (later runs reuse it) and, with --pg, copied once
 * into the database bench_SIZE of the server the URI names (it names a
 * database there to connect to first, e.g. postgresql:///laifang?host=D);
 * then every measure on each backend, laifang beside raw SQL running the
 * same statements on the same database. --backends (or BENCH_BACKENDS)
 * picks the backends: "sqlite", "pg" or both (the default: both with --pg,
 * else sqlite). */
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "laifang/date.h"

/* BENCH_ONLY="search paging": only those groups of measures. */
static bool wanted(const char *group)
{
	const char *only = getenv("BENCH_ONLY");
	return !only || !*only || strstr(only, group);
}

static void run(bench_db *db)
{
	lf_store *st = open_store(db);
	office_people o;
	office_people_of(st, &o);
	lf_store_close(st);
	if (wanted("queues"))
		bench_queues(db, &o);
	if (wanted("lookup"))
		bench_lookup(db);
	if (wanted("search"))
		bench_search(db);
	if (wanted("counts"))
		bench_counts(db);
	if (wanted("paging"))
		bench_paging(db);
	if (wanted("keystroke"))
		bench_keystroke(db);
	if (wanted("process"))
		bench_process(db);
	if (wanted("save"))
		bench_save(db); /* last: it adds cases to the office */
}

int main(int argc, char **argv)
{
	const char *dir = NULL, *pg = getenv("BENCH_PG"), *backends = getenv("BENCH_BACKENDS");
	long sizes[16];
	int n = 0;
	if (argc == 2 && !strcmp(argv[1], "--echo")) /* keystroke.c's floor */
		return bench_echo_main();
	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--pg") && a + 1 < argc)
			pg = argv[++a];
		else if (!strcmp(argv[a], "--backends") && a + 1 < argc)
			backends = argv[++a];
		else if (!dir)
			dir = argv[a];
		else if (n < 16 && atol(argv[a]) > 0)
			sizes[n++] = atol(argv[a]);
	}
	if (!dir) {
		fprintf(stderr, "usage: laifang-bench DIR [--pg URI] [--backends \"sqlite pg\"] SIZE...\n");
		return 2;
	}
	if (pg && !*pg)
		pg = NULL;
	if (!backends || !*backends)
		backends = pg ? "sqlite pg" : "sqlite";
	bool want_lite = strstr(backends, "sqlite") != NULL, want_pg = strstr(backends, "pg") != NULL;
	if (want_pg && !pg) {
		fprintf(stderr, "laifang-bench: the pg backend needs --pg URI (or BENCH_PG)\n");
		return 2;
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		perror(dir);
		return 2;
	}
	/* Today is 2025-12-31 for every measure (the office's year is 2025). */
	struct tm tm = {.tm_year = 125, .tm_mon = 11, .tm_mday = 31, .tm_hour = 12, .tm_isdst = -1};
	lf_clock_set_for_tests((long long)mktime(&tm));
	report_head();
	bench_pdf(dir);
	for (int i = 0; i < n; i++) {
		bench_db lite = {.backend = "sqlite", .size = sizes[i]};
		snprintf(lite.target, sizeof lite.target, "%s/office-%ld.db", dir, sizes[i]);
		lite.people = office_sqlite(lite.target, sizes[i]);
		if (want_pg) {
			bench_db server = {.backend = "pg", .size = sizes[i], .people = lite.people};
			office_pg(pg, lite.target, sizes[i], server.target, sizeof server.target);
			run(&server);
		}
		if (want_lite)
			run(&lite);
	}
	return 0;
}
