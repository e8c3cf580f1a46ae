/* Standard error (always) and standard output (when it is a terminal) of
 * the batch commands without raw control characters: a message that
 * quotes what was typed or read (a login, a case number, a column of a
 * file, a value edited into the database behind laifang's back) cannot
 * move the cursor, retitle the window or reorder the line. ESC and the
 * other C0 controls but line feed and tab, DEL, the C1 controls and the
 * bidi controls (U+202A..U+202E, U+2066..U+2069) are dropped on the way
 * out. The streams are glibc cookie streams over the same descriptors. */
#define _GNU_SOURCE /* fopencookie */
#include "laifang/cli.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct clean {
	int fd;
	bool owned;             /* malloc'd: freed on close */
	unsigned char carry[3]; /* the start of a character cut by the buffer */
	size_t n_carry;
} clean;

static bool write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* How many bytes at p (n of them) to drop: 0 to keep the byte, -1 when
 * more bytes are needed to tell. */
static int dropped(const unsigned char *p, size_t n)
{
	if (p[0] < 0x20)
		return p[0] == '\n' || p[0] == '\t' ? 0 : 1;
	if (p[0] == 0x7f)
		return 1;
	if (p[0] == 0xc2) {
		if (n < 2)
			return -1;
		return p[1] >= 0x80 && p[1] <= 0x9f ? 2 : 0;
	}
	if (p[0] == 0xe2) {
		if (n < 2 || ((p[1] == 0x80 || p[1] == 0x81) && n < 3))
			return -1;
		if ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) || (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))
			return 3;
	}
	return 0;
}

static ssize_t clean_write(void *cookie, const char *buf, size_t size)
{
	clean *c = cookie;
	size_t n = c->n_carry + size;
	unsigned char *in = malloc(n ? n : 1), *out = malloc(n ? n : 1);
	if (!in || !out) {
		free(in);
		free(out);
		return -1;
	}
	memcpy(in, c->carry, c->n_carry);
	memcpy(in + c->n_carry, buf, size);
	c->n_carry = 0;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		int d = dropped(in + i, n - i);
		if (d < 0) { /* keep the cut character for the next write */
			c->n_carry = n - i;
			memcpy(c->carry, in + i, c->n_carry);
			break;
		}
		if (d == 0)
			out[o++] = in[i++];
		else
			i += (size_t)d;
	}
	bool ok = write_all(c->fd, out, o);
	free(in);
	free(out);
	return ok ? (ssize_t)size : -1;
}

static int clean_close(void *cookie)
{
	clean *c = cookie;
	bool ok = write_all(c->fd, c->carry, c->n_carry);
	c->n_carry = 0;
	if (c->owned)
		free(c);
	return ok ? 0 : EOF;
}

static FILE *open_clean(clean *c)
{
	FILE *f = fopencookie(c, "w", (cookie_io_functions_t){.write = clean_write, .close = clean_close});
	if (f)
		setvbuf(f, NULL, _IOLBF, 4096);
	return f;
}

FILE *lf_cli_clean_stream(int fd)
{
	clean *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	*c = (clean){.fd = fd, .owned = true};
	FILE *f = open_clean(c);
	if (!f)
		free(c);
	return f;
}

/* The standard streams live as long as the process: their state is static
 * (never freed, never a leak). */
static clean err_cookie = {.fd = STDERR_FILENO}, out_cookie = {.fd = STDOUT_FILENO};

void lf_cli_clean_stderr(void)
{
	FILE *e = open_clean(&err_cookie);
	if (e) {
		setvbuf(e, NULL, _IONBF, 0); /* as stderr is: a prompt shows at once */
		fflush(stderr);
		stderr = e;
	}
}

void lf_cli_clean_stdout(void)
{
	if (!isatty(STDOUT_FILENO))
		return; /* a file or a pipe gets the bytes as written (CSV, JSON) */
	FILE *o = open_clean(&out_cookie);
	if (o) {
		fflush(stdout);
		stdout = o;
	}
}
