/* What terminals send, made into the keys the screens know (issue 12).
 *
 * Home and End arrive in several spellings: ESC [ 1 ~ / ESC [ 4 ~ (tmux,
 * PuTTY, the Linux console), ESC [ H / ESC [ F and ESC O H / ESC O F (xterm
 * in its two cursor modes), ESC [ 7 ~ / ESC [ 8 ~ (rxvt). terminfo names
 * only one of them for a TERM, so the others would reach the screens as Esc
 * followed by letters: a discard dialog and "[4~" typed into the content.
 * Each is bound here to KEY_HOME / KEY_END.
 *
 * Ctrl-Home and Ctrl-End (the first and last row of a list whose Home and
 * End move in a typed line: the search screen) are ESC [ 1 ; 5 H / F from
 * xterm and tmux, ESC [ 1 ; 5 ~ / ESC [ 4 ; 5 ~ from some others, ESC [ 7 ^
 * / ESC [ 8 ^ from rxvt, and whatever terminfo names kHOM5 / kEND5.
 *
 * Bracketed paste: the terminal wraps pasted text in ESC [ 200 ~ ...
 * ESC [ 201 ~. The text between is gathered into one LF_KEY_PASTE key, so
 * a tab or a line break in it is text, never Tab, Enter or a function key. */
#include "tui_internal.h"

#include <stdio.h>
#include <stdlib.h>

static const struct {
	const char *seq;
	int key;
} spellings[] = {
	{"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[H", KEY_HOME}, {"\033[F", KEY_END},
	{"\033OH", KEY_HOME},  {"\033OF", KEY_END},  {"\033[7~", KEY_HOME}, {"\033[8~", KEY_END},
	{"\033[1;5H", LF_KEY_CTRL_HOME}, {"\033[1;5F", LF_KEY_CTRL_END}, {"\033[1;5~", LF_KEY_CTRL_HOME},
	{"\033[4;5~", LF_KEY_CTRL_END},  {"\033[7^", LF_KEY_CTRL_HOME},  {"\033[8^", LF_KEY_CTRL_END},
	{"\033[200~", LF_KEY_PASTE_BEGIN}, {"\033[201~", LF_KEY_PASTE_END},
};

/* Pasted text is cut at this many characters: far past any field's limit,
 * small enough that a runaway paste cannot eat the memory. */
#define PASTE_MAX 65536

static wchar_t *paste;
static size_t paste_len;

void lf_terminal_keys_start(void)
{
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
		if (key_defined(spellings[i].seq) != spellings[i].key)
			define_key(spellings[i].seq, spellings[i].key);
	/* terminfo's own spelling, when it differs from those */
	static char hom5[] = "kHOM5", end5[] = "kEND5";
	const char *ch = tigetstr(hom5), *ce = tigetstr(end5);
	if (ch && ch != (char *)-1 && *ch && key_defined(ch) <= 0)
		define_key(ch, LF_KEY_CTRL_HOME);
	if (ce && ce != (char *)-1 && *ce && key_defined(ce) <= 0)
		define_key(ce, LF_KEY_CTRL_END);
	/* The terminal brackets what is pasted from now on. */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
}

void lf_terminal_keys_end(void)
{
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	free(paste);
	paste = NULL;
	paste_len = 0;
}

/* Tabs become spaces, CR becomes LF (the caller folds CR LF into one);
 * other control characters are dropped, as the field would refuse them. */
static void keep(wchar_t c)
{
	if (c == L'\r')
		c = L'\n';
	else if (c == L'\t')
		c = L' ';
	if (c != L'\n' && (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)))
		return;
	if (paste_len < PASTE_MAX)
		paste[paste_len++] = c;
}

int lf_terminal_read_paste(wint_t *key)
{
	if (!paste && !(paste = malloc(PASTE_MAX * sizeof *paste)))
		return ERR;
	paste_len = 0;
	bool cr = false;
	for (;;) {
		wint_t c;
		/* The end marker follows at once; a terminal that never sends it
		 * (the paste was cut) ends the paste after a quiet second. */
		timeout(1000);
		int kind = get_wch(&c);
		if (kind == ERR || (kind == KEY_CODE_YES && c == LF_KEY_PASTE_END))
			break;
		if (kind == KEY_CODE_YES) {
			if (c == KEY_ENTER) {
				keep(L'\n');
				cr = false;
			}
			continue; /* a key code inside a paste is not the person's key */
		}
		if (cr && c == L'\n') {
			cr = false;
			continue;
		}
		cr = c == L'\r';
		keep((wchar_t)c);
	}
	*key = LF_KEY_PASTE;
	return KEY_CODE_YES;
}

const wchar_t *lf_paste_text(size_t *len)
{
	*len = paste ? paste_len : 0;
	return paste;
}

bool lf_paste_into(lf_textbuf *tb)
{
	size_t n;
	const wchar_t *text = lf_paste_text(&n);
	if (!text || n == 0)
		return false;
	if (tb->multiline)
		return lf_textbuf_insert_n(tb, text, n) > 0;
	/* A one-line field keeps the pasted lines apart with spaces. */
	wchar_t *flat = malloc(n * sizeof *flat);
	if (!flat)
		return false;
	for (size_t i = 0; i < n; i++)
		flat[i] = text[i] == L'\n' ? L' ' : text[i];
	size_t took = lf_textbuf_insert_n(tb, flat, n);
	free(flat);
	return took > 0;
}
