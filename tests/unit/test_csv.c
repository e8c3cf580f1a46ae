/* CSV reader and writer: RFC 4180 with Chinese text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "laifang/csv.h"

/* Read every record of data into a flat list "f1|f2|...\n" per record, with
 * "@LINE:" in front of each; returns the reader's last result. */
static int read_all(const char *data, size_t len, char *out, size_t outlen)
{
	lf_csv_reader *r = lf_csv_reader_new(data, len);
	assert_non_null(r);
	lf_csv_record rec;
	int rc;
	size_t used = 0;
	out[0] = '\0';
	while ((rc = lf_csv_read(r, &rec)) == 1) {
		used += (size_t)snprintf(out + used, outlen - used, "@%zu:", rec.line);
		for (size_t i = 0; i < rec.n; i++)
			used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "|" : "", rec.fields[i]);
		used += (size_t)snprintf(out + used, outlen - used, "\n");
		assert_true(used < outlen);
	}
	if (rc < 0)
		snprintf(out + used, outlen - used, "ERROR %s", lf_csv_error(r));
	lf_csv_reader_free(r);
	return rc;
}

static void test_plain_chinese(void **state)
{
	(void)state;
	const char *d = "name,address\n张三,广州市越秀区府前路1号\n李四,北京市朝阳区\n";
	char out[512];
	assert_int_equal(read_all(d, strlen(d), out, sizeof out), 0);
	assert_string_equal(out, "@1:name|address\n@2:张三|广州市越秀区府前路1号\n@3:李四|北京市朝阳区\n");
}

static void test_quotes_commas_newlines(void **state)
{
	(void)state;
	const char *d = "content,name\r\n"
	                "\"拆迁补偿，未到位, 说\"\"还要等\"\"\r\n第二行\",王五\r\n"
	                "\"\",\"赵六\"\r\n";
	lf_csv_reader *r = lf_csv_reader_new(d, strlen(d));
	lf_csv_record rec;
	assert_int_equal(lf_csv_read(r, &rec), 1);
	assert_int_equal(rec.n, 2);
	assert_int_equal(rec.line, 1);
	assert_string_equal(rec.fields[0], "content");
	assert_int_equal(lf_csv_read(r, &rec), 1);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.n, 2);
	/* The line break inside quotes is kept as it was written (CRLF). */
	assert_string_equal(rec.fields[0], "拆迁补偿，未到位, 说\"还要等\"\r\n第二行");
	assert_int_equal(rec.lens[0], strlen("拆迁补偿，未到位, 说\"还要等\"\r\n第二行"));
	assert_string_equal(rec.fields[1], "王五");
	assert_int_equal(lf_csv_read(r, &rec), 1);
	assert_int_equal(rec.line, 4); /* the record above took two lines */
	assert_string_equal(rec.fields[0], "");
	assert_string_equal(rec.fields[1], "赵六");
	assert_int_equal(lf_csv_read(r, &rec), 0);
	assert_int_equal(lf_csv_read(r, &rec), 0);
	lf_csv_reader_free(r);
}

static void test_bom_and_line_ends(void **state)
{
	(void)state;
	char out[512];
	/* BOM skipped; LF, CRLF and a missing final line end all work. */
	const char *d = "\xEF\xBB\xBF" "id_number,sex\r\n110101199003077777,男\n440104198501012345,女";
	assert_int_equal(read_all(d, strlen(d), out, sizeof out), 0);
	assert_string_equal(out, "@1:id_number|sex\n@2:110101199003077777|男\n@3:440104198501012345|女\n");
	/* A BOM is only skipped at the very start. */
	const char *d2 = "a\n\xEF\xBB\xBF" "b\n";
	assert_int_equal(read_all(d2, strlen(d2), out, sizeof out), 0);
	assert_string_equal(out, "@1:a\n@2:\xEF\xBB\xBF" "b\n");
}

static void test_empty_fields_and_lines(void **state)
{
	(void)state;
	char out[512];
	const char *d = "a,,c,\n\n,\n";
	assert_int_equal(read_all(d, strlen(d), out, sizeof out), 0);
	assert_string_equal(out, "@1:a||c|\n@2:\n@3:|\n");
	/* Trailing comma at the very end of the data: one more empty field. */
	const char *d2 = "张,";
	assert_int_equal(read_all(d2, strlen(d2), out, sizeof out), 0);
	assert_string_equal(out, "@1:张|\n");
	assert_int_equal(read_all("", 0, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(read_all("\xEF\xBB\xBF", 3, out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void test_embedded_nul(void **state)
{
	(void)state;
	const char d[] = "a\0b,c\n";
	lf_csv_reader *r = lf_csv_reader_new(d, sizeof d - 1);
	lf_csv_record rec;
	assert_int_equal(lf_csv_read(r, &rec), 1);
	assert_int_equal(rec.n, 2);
	assert_int_equal(rec.lens[0], 3);
	assert_memory_equal(rec.fields[0], "a\0b", 4);
	lf_csv_reader_free(r);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	char out[1024];
	const char *d = "name,content\n张三,正常\n李四,\"没有结束\n第二行\n第三行\n";
	assert_int_equal(read_all(d, strlen(d), out, sizeof out), -1);
	/* The record before the error is read; the error names the line of the
	 * opening quote. */
	assert_non_null(strstr(out, "@2:张三|正常\n"));
	assert_non_null(strstr(out, "ERROR line 3: "));
}

static void test_text_after_closing_quote(void **state)
{
	(void)state;
	char out[1024];
	const char *d = "a,b\n\"x\ny\"z,c\n";
	assert_int_equal(read_all(d, strlen(d), out, sizeof out), -1);
	assert_non_null(strstr(out, "ERROR line 3: "));
	/* A stray quote inside an unquoted field is plain text. */
	const char *d2 = "他说\"好\",c\n";
	assert_int_equal(read_all(d2, strlen(d2), out, sizeof out), 0);
	assert_string_equal(out, "@1:他说\"好\"|c\n");
}

static void test_long_field(void **state)
{
	(void)state;
	/* 100 KB of Chinese in one quoted field with quotes and commas, then a
	 * 100 KB unquoted one. */
	size_t n = 100 * 1024;
	char *big = malloc(n + 1);
	size_t k = 0;
	while (k + 3 <= n - 4) {
		memcpy(big + k, "访", 3);
		k += 3;
		if (k % 999 == 0)
			big[k++] = ',';
	}
	big[k] = '\0';
	size_t len = strlen(big);
	char *d = malloc(2 * len + 64);
	size_t p = 0;
	d[p++] = '"';
	memcpy(d + p, big, len);
	p += len;
	memcpy(d + p, "\"\"\",", 4); /* an escaped quote, the end, a comma */
	p += 4;
	for (size_t i = 0; i < len; i++)
		d[p++] = big[i] == ',' ? '.' : big[i];
	memcpy(d + p, "\r\n", 2);
	p += 2;

	lf_csv_reader *r = lf_csv_reader_new(d, p);
	lf_csv_record rec;
	assert_int_equal(lf_csv_read(r, &rec), 1);
	assert_int_equal(rec.n, 2);
	assert_int_equal(rec.lens[0], len + 1);
	assert_memory_equal(rec.fields[0], big, len);
	assert_int_equal(rec.fields[0][len], '"');
	assert_int_equal(rec.lens[1], len);
	assert_int_equal(lf_csv_read(r, &rec), 0);
	lf_csv_reader_free(r);
	free(d);
	free(big);
}

static void test_write(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *rec1[] = {"张三", "广州市,越秀区", "他说\"不行\"", "第一行\n第二行", NULL, "a\rb", ""};
	assert_int_equal(lf_csv_write_record(f, rec1, 7), 0);
	const char *rec2[] = {"男"};
	assert_int_equal(lf_csv_write_record(f, rec2, 1), 0);
	fclose(f);
	assert_string_equal(buf, "张三,\"广州市,越秀区\",\"他说\"\"不行\"\"\",\"第一行\n第二行\",,\"a\rb\",\r\n男\r\n");
	assert_true(lf_csv_needs_quotes("a,b"));
	assert_false(lf_csv_needs_quotes("信访内容"));
	assert_false(lf_csv_needs_quotes(NULL));

	/* What the writer writes, the reader reads back unchanged. */
	lf_csv_reader *r = lf_csv_reader_new(buf, len);
	lf_csv_record rec;
	assert_int_equal(lf_csv_read(r, &rec), 1);
	assert_int_equal(rec.n, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(rec.fields[i], rec1[i] ? rec1[i] : "");
	assert_int_equal(lf_csv_read(r, &rec), 1);
	assert_int_equal(rec.line, 3);
	assert_string_equal(rec.fields[0], "男");
	assert_int_equal(lf_csv_read(r, &rec), 0);
	lf_csv_reader_free(r);
	free(buf);
}

/* One cell as lf_csv_write_record writes it, without the record's CRLF. */
static char *cell(const char *v)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(lf_csv_write_record(f, &v, 1), 0);
	fclose(f);
	assert_true(len >= 2);
	buf[len - 2] = '\0';
	return buf;
}

#define CELL(in, want) \
	do { \
		char *c_ = cell(in); \
		assert_string_equal(c_, want); \
		free(c_); \
	} while (0)

/* Cells a spreadsheet would run or spoil are written as text (issue 10):
 * a quote before = + - @ tab CR; a tab after a long number or one with a
 * leading 0; other cells as they are. Read back and unprotected, each cell
 * is what was given. */
static void test_cells_for_spreadsheets(void **state)
{
	(void)state;
	CELL("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	CELL("=1+1", "'=1+1");
	CELL("+86 138", "'+86 138");
	CELL("-2", "'-2");
	CELL("@SUM(A1)", "'@SUM(A1)");
	CELL("\t=cmd", "'\t=cmd");
	CELL("\r=cmd", "\"'\r=cmd\"");
	CELL("'=x", "''=x"); /* a quote already there is kept */
	CELL("'abc", "'abc");
	CELL("440104198501010011", "440104198501010011\t");
	CELL("44010419850101002X", "44010419850101002X"); /* text already */
	CELL("02083186312", "02083186312\t");
	CELL("13812345678", "13812345678");
	CELL("2026-000001", "2026-000001");
	CELL("0", "0");
	CELL("张三", "张三");
	CELL("a=b", "a=b");
	CELL("", "");

	const char *cells[] = {"=HYPERLINK(\"http://x\",\"y\")", "@王", "'=x", "''+1", "\t", "\r\n-",
	                       "440104198501010011", "440104198501010011\t", "012\t\t", "abc\t", "'", "-", "普通"};
	size_t n = sizeof cells / sizeof cells[0];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(lf_csv_write_record(f, cells, n), 0);
	fclose(f);
	lf_csv_reader *r = lf_csv_reader_new(buf, len);
	lf_csv_record rec;
	assert_int_equal(lf_csv_read(r, &rec), 1);
	assert_int_equal(rec.n, n);
	for (size_t i = 0; i < n; i++) {
		char c = rec.fields[i][0];
		assert_false(c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r');
		lf_csv_cell_unprotect(rec.fields[i], &rec.lens[i]);
		assert_string_equal(rec.fields[i], cells[i]);
		assert_int_equal(rec.lens[i], strlen(cells[i]));
	}
	lf_csv_reader_free(r);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_chinese),
		cmocka_unit_test(test_quotes_commas_newlines),
		cmocka_unit_test(test_bom_and_line_ends),
		cmocka_unit_test(test_empty_fields_and_lines),
		cmocka_unit_test(test_embedded_nul),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_text_after_closing_quote),
		cmocka_unit_test(test_long_field),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_cells_for_spreadsheets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
