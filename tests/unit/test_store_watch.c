/* Whether another desk changed the SQLite file (issue 14): two handles on
 * one file, PRAGMA data_version underneath (watch_cases.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "store_fixture.h"

static char dir[64], db[160];

static const char *watch_db(void)
{
	return db;
}

/* sqlite3 on the file, as another program would. */
static void raw_touch(void)
{
	sf_raw(db, "UPDATE case_file SET case_no = case_no", NULL, 0);
}

#include "watch_cases.h"

int main(void)
{
	if (sf_temp_db(dir, sizeof dir, db, sizeof db, "watch") != 0)
		return 1;
	const struct CMUnitTest tests[] = {WATCH_TESTS};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	sf_close_remove(NULL, dir);
	return failed;
}
