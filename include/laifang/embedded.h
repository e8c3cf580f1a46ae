/* Files built into the binary by tools/embed.sh: db/ and db/pg/ migrations, forms/, db/calendar/ data. */
#ifndef LAIFANG_EMBEDDED_H
#define LAIFANG_EMBEDDED_H

#include <stddef.h>

struct lf_embedded {
	const char *name; /* file name, e.g. "001_initial.sql" */
	const char *text;
	size_t len;
};

/* Both end with an entry whose name is NULL; migrations in file-name order. */
extern const struct lf_embedded lf_migrations[];
/* The same migrations in PostgreSQL's dialect (db/pg/). */
extern const struct lf_embedded lf_pg_migrations[];
extern const struct lf_embedded lf_forms[];
/* Reference data: the .tsv files of db/calendar (the holiday calendar). */
extern const struct lf_embedded lf_data[];
/* The notices' templates: forms/notices/KIND.tmpl (issue 15). */
extern const struct lf_embedded lf_notice_templates[];

#endif
