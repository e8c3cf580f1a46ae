/* Interface language. The msgids in the code are English; po/zh_CN.po
 * carries the Chinese every office sees by default. */
#include "laifang/i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *current = "zh_CN";

/* "en", "en_US", "en_GB.UTF-8:zh" → "en"; anything else is Chinese. */
static const char *pick_language(const char *want)
{
	if (want && !strncmp(want, "en", 2) && (want[2] == '\0' || strchr("_.:@", want[2])))
		return "en";
	return "zh_CN";
}

/* Where the catalogues are: $LAIFANG_LOCALEDIR, else build/locale beside a
 * binary run from the source tree (make run), else the installed place. */
static void bind_catalogues(void)
{
	const char *dir = getenv("LAIFANG_LOCALEDIR");
	static char beside[4096];
	if (!dir || !*dir) {
		dir = LAIFANG_LOCALEDIR;
		ssize_t n = readlink("/proc/self/exe", beside, sizeof beside - sizeof "/locale");
		if (n > 0) {
			beside[n] = '\0';
			char *slash = strrchr(beside, '/');
			struct stat sb;
			if (slash) {
				strcpy(slash, "/locale");
				if (stat(beside, &sb) == 0 && S_ISDIR(sb.st_mode))
					dir = beside;
			}
		}
	}
	bindtextdomain("laifang", dir);
	bind_textdomain_codeset("laifang", "UTF-8");
	textdomain("laifang");
}

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

bool lf_i18n_init(const char *lang)
{
	setlocale(LC_ALL, "");
	bool utf8 = locale_is_utf8();
	if (!utf8) {
		/* Batch commands still read and write UTF-8 files; C.UTF-8 is on
		 * every Debian. The TUI refuses on its own (the terminal cannot show
		 * Chinese), which is why the environment's answer is returned. */
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "C");
	}
	current = pick_language(lang ? lang : getenv("LANGUAGE"));
	/* gettext chooses the catalogue by LANGUAGE whenever LC_MESSAGES is not
	 * plain "C", which is how a C.UTF-8 terminal still gets Chinese. */
	setenv("LANGUAGE", current, 1);
	bind_catalogues();
	return utf8;
}

const char *lf_i18n_lang(void)
{
	return current;
}
