/* A list of text lines kept for later: what laifang check's second thread
 * found, reported by the check's own thread once the thread has ended. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

bool store_lines_add(store_lines *l, const char *line)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		char **v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->lost = true;
			return false;
		}
		l->v = v;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(line))) {
		l->lost = true;
		return false;
	}
	l->n++;
	return true;
}

void store_lines_free(store_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}
