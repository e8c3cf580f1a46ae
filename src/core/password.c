/* Passwords: argon2id hashes through libsodium, the rules for a new
 * password, and reading one without echo. A password lives in memory only
 * as long as needed and is wiped when freed; it is never logged or shown. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "laifang/auth.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "laifang/i18n.h"
#include "laifang/text.h"

_Static_assert(LF_PWHASH_LEN == crypto_pwhash_STRBYTES, "LF_PWHASH_LEN must match libsodium");

#define PASSWORD_MAX_BYTES 256
/* Room for a line read; anything longer is cut (and then refused as too
 * long, or simply does not verify). */
#define READ_MAX 1024

bool lf_password_acceptable(const char *password, char *why, size_t len)
{
	const char *reason = NULL;
	char buf[256];
	if (!password || !password[0]) {
		reason = _("password: must not be empty");
	} else if (strlen(password) > PASSWORD_MAX_BYTES) {
		snprintf(buf, sizeof buf, _("password: at most %d bytes"), PASSWORD_MAX_BYTES);
		reason = buf;
	} else {
		bool changed = false;
		char *clean = lf_text_clean(password, strlen(password), false, &changed);
		if (clean) {
			sodium_memzero(clean, strlen(clean));
			free(clean);
		}
		if (!clean || changed) {
			reason = _("password: use printable text only (valid UTF-8, no control characters)");
		} else if (lf_text_chars(password) < LF_PASSWORD_MIN) {
			snprintf(buf, sizeof buf, _("password: use at least %d characters"), LF_PASSWORD_MIN);
			reason = buf;
		}
	}
	if (!reason)
		return true;
	if (why && len)
		snprintf(why, len, "%s", reason);
	return false;
}

int lf_password_hash(const char *password, char out[LF_PWHASH_LEN])
{
	if (!password || sodium_init() < 0)
		return -1;
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return -1;
	return 0;
}

/* The decoy: a hash in libsodium's own format with the parameters every
 * new hash gets, a random salt and a random digest, so no password matches
 * it and checking one against it costs the same argon2id work as against a
 * real hash. Made without hashing anything (cheap), once per process, when
 * a store is opened (lf_password_decoy_prepare) - never on a first unknown
 * login, which would then take twice as long. */
static char decoy[LF_PWHASH_LEN];

void lf_password_decoy_prepare(void)
{
	if (decoy[0] || sodium_init() < 0)
		return;
	unsigned char salt[crypto_pwhash_SALTBYTES], digest[32];
	char salt64[64], digest64[64], text[LF_PWHASH_LEN];
	randombytes_buf(salt, sizeof salt);
	randombytes_buf(digest, sizeof digest);
	sodium_bin2base64(salt64, sizeof salt64, salt, sizeof salt, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	sodium_bin2base64(digest64, sizeof digest64, digest, sizeof digest,
	                  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	int n = snprintf(text, sizeof text, "$argon2id$v=19$m=%zu,t=%llu,p=1$%s$%s",
	                 (size_t)(crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024),
	                 (unsigned long long)crypto_pwhash_OPSLIMIT_INTERACTIVE, salt64, digest64);
	/* The library must take it for one of its own with today's parameters;
	 * otherwise fall back to a real hash of a random text (slow, but right). */
	if (n > 0 && (size_t)n < sizeof text &&
	    crypto_pwhash_str_needs_rehash(text, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                   crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0) {
		memcpy(decoy, text, sizeof decoy);
		return;
	}
	char secret[33];
	randombytes_buf(digest, sizeof digest);
	sodium_bin2hex(secret, sizeof secret, digest, 16);
	if (lf_password_hash(secret, text) == 0)
		memcpy(decoy, text, sizeof decoy);
	sodium_memzero(secret, sizeof secret);
}

const char *lf_password_decoy(void)
{
	lf_password_decoy_prepare();
	return decoy[0] ? decoy : NULL;
}

void lf_login_key(const char *login, char out[LF_LOGIN_KEY_LEN])
{
	static const char domain[] = "laifang login guard v1\n";
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	out[0] = '\0';
	if (sodium_init() < 0)
		return;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)domain, sizeof domain - 1);
	if (login)
		crypto_hash_sha256_update(&h, (const unsigned char *)login, strlen(login));
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, LF_LOGIN_KEY_LEN, digest, sizeof digest);
}

bool lf_password_verify(const char *hash, const char *password)
{
	if (!hash || !password || !hash[0] || sodium_init() < 0)
		return false;
	/* The library refuses a string that is not a hash of its own. */
	if (strnlen(hash, LF_PWHASH_LEN) >= LF_PWHASH_LEN)
		return false;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* One line from in (without its "\n" or "\r\n") into a new buffer, or NULL
 * at end of input with nothing read. */
static char *read_line_stream(FILE *in)
{
	char *buf = malloc(READ_MAX + 1);
	if (!buf)
		return NULL;
	size_t n = 0;
	int c;
	bool any = false;
	while ((c = getc(in)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (n < READ_MAX)
			buf[n++] = (char)c;
	}
	if (!any) {
		free(buf);
		return NULL;
	}
	if (n && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return buf;
}

/* One line from the terminal fd, byte by byte so no stdio buffer keeps a
 * copy. NULL on end of input or error. */
static char *read_line_fd(int fd)
{
	char *buf = malloc(READ_MAX + 1);
	if (!buf)
		return NULL;
	size_t n = 0;
	bool any = false, ok = false;
	for (;;) {
		char c;
		ssize_t r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		any = true;
		if (c == '\n' || c == '\r') {
			ok = true;
			break;
		}
		if (n < READ_MAX)
			buf[n++] = c;
	}
	buf[n] = '\0';
	if (!any || (!ok && n == 0)) {
		sodium_memzero(buf, READ_MAX + 1);
		free(buf);
		return NULL;
	}
	return buf;
}

char *lf_password_read(const char *prompt, FILE *in)
{
	if (in)
		return read_line_stream(in);

	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct termios saved, quiet;
	if (tcgetattr(fd, &saved) != 0) {
		close(fd);
		return NULL;
	}
	quiet = saved;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
	quiet.c_lflag |= ICANON;
	char *pw = NULL;
	bool shown = false;
	/* Echo goes off before the prompt shows, so nothing typed after the
	 * prompt can be echoed. */
	if (tcsetattr(fd, TCSAFLUSH, &quiet) == 0) {
		if (prompt) {
			fputs(prompt, stderr);
			fflush(stderr);
			shown = true;
		}
		pw = read_line_fd(fd);
		/* Echo back on whatever happened while reading. */
		tcsetattr(fd, TCSANOW, &saved);
	}
	if (shown) {
		/* The Enter key was not echoed: end the prompt's line ourselves. */
		fputc('\n', stderr);
		fflush(stderr);
	}
	close(fd);
	return pw;
}

void lf_password_free(char *password)
{
	if (!password)
		return;
	sodium_memzero(password, strlen(password));
	free(password);
}
