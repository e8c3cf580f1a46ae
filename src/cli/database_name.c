/* Which database a command or the desk opens: --db, else $LAIFANG_DB, else
 * "database = ..." in laifang.conf (the user's $XDG_CONFIG_HOME/laifang/,
 * then /etc/laifang/ for every user of a machine whose desks share a
 * server), else the SQLite file under $XDG_DATA_HOME. */
#include "laifang/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/config_text.h"
#include "laifang/paths.h"

#define CONF_MAX 65536
#define SYSTEM_CONF "/etc/laifang/laifang.conf"

/* The database named in the file at path, malloc'd, or NULL. */
static char *named_in(const char *path)
{
	FILE *f = path ? fopen(path, "re") : NULL;
	if (!f)
		return NULL;
	char *text = malloc(CONF_MAX + 1), *db = NULL;
	size_t n = text ? fread(text, 1, CONF_MAX, f) : 0;
	fclose(f);
	if (!text)
		return NULL;
	text[n] = '\0';
	char value[4096];
	if (lf_config_text_find(text, "database", value, sizeof value))
		db = strdup(value);
	free(text);
	return db;
}

char *lf_cli_database(const char *arg)
{
	const char *env = getenv("LAIFANG_DB");
	if ((arg && *arg) || (env && *env))
		return lf_path_database(arg);
	char *dir = lf_path_config_dir(), *db = NULL;
	if (dir) {
		size_t len = strlen(dir) + sizeof "/laifang.conf";
		char *path = malloc(len);
		if (path) {
			snprintf(path, len, "%s/laifang.conf", dir);
			db = named_in(path);
			free(path);
		}
		free(dir);
	}
	if (!db)
		db = named_in(SYSTEM_CONF);
	return db ? db : lf_path_database(NULL);
}
