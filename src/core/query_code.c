/* The query code's rule (query_code.h): its alphabet, its form, what a
 * person may type for it. */
#include "laifang/query_code.h"

#include <stdio.h>
#include <string.h>

/* 2-9 and the letters but I and O: nothing that reads as 0, O, 1 or I. */
const char lf_query_code_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

void lf_query_code_from_bytes(const unsigned char rnd[LF_QUERY_CODE_CHARS], char out[LF_QUERY_CODE_LEN])
{
	for (int i = 0; i < LF_QUERY_CODE_CHARS; i++)
		out[i] = lf_query_code_alphabet[rnd[i] & 31];
	out[LF_QUERY_CODE_CHARS] = '\0';
}

bool lf_query_code_parse(const char *typed, char out[LF_QUERY_CODE_LEN])
{
	int n = 0;
	out[0] = '\0';
	if (!typed)
		return false;
	for (const char *p = typed; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!c || !strchr(lf_query_code_alphabet, c) || n >= LF_QUERY_CODE_CHARS) {
			out[0] = '\0';
			return false;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	if (n != LF_QUERY_CODE_CHARS) {
		out[0] = '\0';
		return false;
	}
	return true;
}

void lf_query_code_show(const char *code, char *out, size_t len)
{
	if (!len)
		return;
	if (code && strlen(code) == LF_QUERY_CODE_CHARS)
		snprintf(out, len, "%.4s-%.4s", code, code + 4);
	else
		snprintf(out, len, "%s", code ? code : "");
}
