// SPDX-License-Identifier: GPL-3.0-or-later
/* Languages for documents (core/i18n.h): a guest's documents are written in
 * the guest's language whatever the desk's is. gettext picks one language
 * per process (LANGUAGE overrides everything, and switching it or the
 * locale is not safe while other threads translate; the locales of a
 * hotel's machines are often not even installed), so a document's language
 * reads the compiled catalogue itself: the same frontdesk.mo files gettext
 * uses, looked up by binary search, read only, shared by every thread. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/i18n.h"
#include "doc/doc.h"

struct mo {
	unsigned char *data;
	size_t size;
	uint32_t n, orig, trans;
	bool swap;
	bool french_plural; /* plural=(n > 1) rather than (n != 1) */
};

static uint32_t u32(const struct mo *m, size_t off)
{
	if (off + 4 > m->size)
		return 0;
	const unsigned char *p = m->data + off;
	return m->swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
	               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* String i of a table (orig or trans): NULL when it does not lie within the
 * file or is not NUL-terminated there. */
static const char *mo_str(const struct mo *m, uint32_t table, uint32_t i, uint32_t *len)
{
	uint32_t l = u32(m, (size_t)table + (size_t)i * 8), off = u32(m, (size_t)table + (size_t)i * 8 + 4);
	if ((size_t)off + l >= m->size || m->data[off + l] != '\0')
		return NULL;
	if (len)
		*len = l;
	return (const char *)m->data + off;
}

static const char *mo_find(const struct mo *m, const char *msgid, uint32_t *len)
{
	uint32_t lo = 0, hi = m->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *o = mo_str(m, m->orig, mid, NULL);
		if (!o)
			return NULL;
		int c = strcmp(msgid, o);
		if (c == 0)
			return mo_str(m, m->trans, mid, len);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const char *mo_lookup(const struct fd_lang *l, const char *msgid, const char *plural, unsigned long n)
{
	const struct mo *m = l->catalogue;
	uint32_t len = 0;
	const char *t = m ? mo_find(m, msgid, &len) : NULL;
	if (!t || !*t)
		return NULL;
	if (!plural)
		return t;
	/* Plural forms follow one another, NUL-separated: form 0, form 1. */
	unsigned form = m->french_plural ? n > 1 : n != 1;
	const char *end = t + len;
	for (unsigned i = 0; i < form && t < end; i++)
		t += strlen(t) + 1;
	return t < end || (t == end && form == 0) ? t : NULL;
}

static struct mo *mo_load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct mo *m = calloc(1, sizeof *m);
	long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (m && size > 28 && size < 64L * 1024 * 1024 && fseek(f, 0, SEEK_SET) == 0 &&
	    (m->data = malloc((size_t)size + 1)) && fread(m->data, 1, (size_t)size, f) == (size_t)size) {
		m->size = (size_t)size;
		m->data[size] = '\0';
		uint32_t magic = u32(m, 0);
		m->swap = magic == 0xde120495u;
		if (magic == 0x950412deu || m->swap) {
			m->n = u32(m, 8);
			m->orig = u32(m, 12);
			m->trans = u32(m, 16);
			if ((size_t)m->orig + (size_t)m->n * 8 <= m->size &&
			    (size_t)m->trans + (size_t)m->n * 8 <= m->size) {
				const char *head = mo_find(m, "", NULL);
				const char *pf = head ? strstr(head, "plural=") : NULL;
				m->french_plural = pf && (strncmp(pf, "plural=(n > 1)", 14) == 0 ||
				                          strncmp(pf, "plural=n>1", 10) == 0 ||
				                          strncmp(pf, "plural=(n>1)", 12) == 0);
				fclose(f);
				return m;
			}
		}
	}
	fclose(f);
	if (m)
		free(m->data);
	free(m);
	return NULL;
}

/* The catalogue of code: installed (DIR/CODE/LC_MESSAGES/frontdesk.mo), or
 * a build tree's po/CODE.gmo; DIR is $FRONTDESK_LOCALEDIR (tests point it
 * at the build's po/) or the one compiled in. */
static struct mo *find_catalogue(const char *code)
{
	const char *dir = getenv("FRONTDESK_LOCALEDIR");
	if (!dir || !*dir)
		dir = LOCALEDIR;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", dir, code, PACKAGE);
	struct mo *m = mo_load(path);
	if (!m) {
		snprintf(path, sizeof path, "%s/%s.gmo", dir, code);
		m = mo_load(path);
	}
	return m;
}

static const struct {
	const char *code;
	char decimal, group;
} marks[] = {
    {"de", ',', '.'}, {"es", ',', '.'}, {"it", ',', '.'}, {"nl", ',', '.'}, {"da", ',', '.'},
    {"pt", ',', ' '}, {"fr", ',', ' '}, {"pl", ',', ' '}, {"cs", ',', ' '}, {"sv", ',', ' '},
    {"nb", ',', ' '}, {"fi", ',', ' '}, {"ru", ',', ' '}, {"uk", ',', ' '}, {"el", ',', '.'},
};

#define MAX_LANGS 32
static struct fd_lang langs[MAX_LANGS];
static int n_langs;
static pthread_mutex_t langs_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct fd_lang *load_lang(const char *code)
{
	const struct fd_lang *found = NULL;
	pthread_mutex_lock(&langs_lock);
	for (int i = 0; i < n_langs && !found; i++)
		if (strcmp(langs[i].code, code) == 0)
			found = &langs[i];
	if (!found && n_langs < MAX_LANGS) {
		struct fd_lang *l = &langs[n_langs];
		memset(l, 0, sizeof *l);
		snprintf(l->code, sizeof l->code, "%s", code);
		l->lookup = mo_lookup;
		l->decimal = '.';
		l->group = ',';
		char base[8];
		snprintf(base, sizeof base, "%.3s", code);
		base[strcspn(base, "_")] = '\0';
		for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
			if (strcmp(marks[i].code, base) == 0) {
				l->decimal = marks[i].decimal;
				l->group = marks[i].group;
			}
		/* English needs no catalogue; pt_BR falls back to pt. */
		if (strcmp(base, "en") != 0) {
			l->catalogue = find_catalogue(code);
			if (!l->catalogue && strcmp(base, code) != 0)
				l->catalogue = find_catalogue(base);
		}
		found = l;
		n_langs++;
	}
	pthread_mutex_unlock(&langs_lock);
	return found;
}

void fd_doc_lang_init(void)
{
	fd_lang_set_loader(load_lang);
}

const char *fd_doc_locale_dir(void)
{
#ifdef FD_BUILD_DIR
	static char dir[4096 + 16];
	char exe[4096], here[4096], build[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return LOCALEDIR;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return LOCALEDIR;
	*slash = '\0';
	if (realpath(exe, here) && realpath(FD_BUILD_DIR, build) && strcmp(here, build) == 0) {
		snprintf(dir, sizeof dir, "%s/locale", build);
		struct stat st;
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return dir;
	}
#endif
	return LOCALEDIR;
}
