/* The text of laifang.conf: lines "key = value"; "#" starts a comment line;
 * spaces around the key and the value do not count. Reading the file is the
 * caller's (src/cli/database_name.c). */
#include "laifang/config_text.h"

#include <stdio.h>
#include <string.h>

static const char *skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *trim_end(const char *start, const char *end)
{
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	return end;
}

bool lf_config_text_find(const char *text, const char *key, char *out, size_t len)
{
	size_t klen = strlen(key);
	bool found = false;
	for (const char *line = text; line && *line;) {
		const char *nl = strchr(line, '\n');
		const char *end = nl ? nl : line + strlen(line);
		const char *p = skip_blank(line, end);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (p < end && *p != '#' && eq) {
			const char *kend = trim_end(p, eq);
			if ((size_t)(kend - p) == klen && !memcmp(p, key, klen)) {
				const char *v = skip_blank(eq + 1, end), *vend = trim_end(v, end);
				/* The last line of a key wins, as in most configuration files. */
				if ((size_t)(vend - v) < len) {
					snprintf(out, len, "%.*s", (int)(vend - v), v);
					found = vend > v;
				}
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	return found;
}
