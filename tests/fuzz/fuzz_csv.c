/* libFuzzer target: the CSV reader on any bytes. Every record it returns
 * has NUL-terminated fields of the stated lengths. Written back with
 * lf_csv_write_record (which protects cells for spreadsheets) and read
 * again, no cell starts as a formula would, and with the protection taken
 * off (lf_csv_cell_unprotect) the records are the same. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool formula_start(const char *f)
{
	return f[0] == '=' || f[0] == '+' || f[0] == '-' || f[0] == '@' || f[0] == '\t' || f[0] == '\r';
}

/* Read everything; out (may be NULL) receives the records written back.
 * written: the data is what lf_csv_write_record wrote (check that no cell
 * starts a formula, then take the protection off before writing again).
 * Returns the number of records, or -1 on a reading error. */
static long read_all(const char *buf, size_t len, FILE *out, bool *writable, bool written)
{
	lf_csv_reader *r = lf_csv_reader_new(buf, len);
	if (!r)
		abort();
	lf_csv_record rec;
	long n = 0;
	int rc;
	while ((rc = lf_csv_read(r, &rec)) == 1) {
		if (rec.n < 1 || rec.line < 1)
			abort();
		for (size_t i = 0; i < rec.n; i++) {
			if (rec.fields[i][rec.lens[i]] != '\0')
				abort();
			if (strlen(rec.fields[i]) != rec.lens[i])
				*writable = false; /* an embedded NUL: the writer takes C strings */
			if (written) {
				if (formula_start(rec.fields[i]))
					abort();
				lf_csv_cell_unprotect(rec.fields[i], &rec.lens[i]);
				if (strlen(rec.fields[i]) != rec.lens[i])
					abort();
			}
		}
		if (out && lf_csv_write_record(out, (const char *const *)rec.fields, rec.n) != 0)
			abort();
		n++;
	}
	if (rc == -1) {
		const char *e = lf_csv_error(r);
		if (!e || !*e)
			abort();
		n = -1;
	}
	lf_csv_reader_free(r);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = NULL;
	size_t copy_len = 0;
	FILE *out = open_memstream(&copy, &copy_len);
	bool writable = true;
	long n = read_all((const char *)data, size, out, &writable, false);
	fclose(out);
	/* A first field starting with a BOM would be skipped on the way back. */
	if (n > 0 && writable && !(copy_len >= 3 && !memcmp(copy, "\xef\xbb\xbf", 3))) {
		char *again = NULL;
		size_t again_len = 0;
		FILE *o2 = open_memstream(&again, &again_len);
		bool w2 = true;
		long n2 = read_all(copy, copy_len, o2, &w2, true);
		fclose(o2);
		if (n2 != n || again_len != copy_len || memcmp(again, copy, copy_len) != 0)
			abort();
		free(again);
	}
	free(copy);
	return 0;
}
