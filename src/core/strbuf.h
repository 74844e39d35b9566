/* A growable string buffer and formatted allocation: the only way setwork builds strings, so
 * that sprintf, strcat and friends are never needed (tests/lint/banned.sh checks). */
#ifndef SETWORK_CORE_STRBUF_H
#define SETWORK_CORE_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
    char *data; /* always NUL-terminated once anything was appended; NULL before */
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed; later appends do nothing */
};

/* Appends LEN bytes of S. Returns 0, or -1 if out of memory (and sets `failed`). */
int sb_append_len(struct strbuf *sb, const char *s, size_t len);
int sb_append(struct strbuf *sb, const char *s);
int sb_append_char(struct strbuf *sb, char c);
int sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);

/* Returns the contents ("" when empty) and leaves the buffer empty; the caller frees. NULL if an
 * allocation failed at any point. */
char *sb_take(struct strbuf *sb);
void sb_free(struct strbuf *sb);
/* Empties the buffer but keeps its memory. */
void sb_reset(struct strbuf *sb);

/* Returns a newly allocated formatted string, or NULL if out of memory. */
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *str_vprintf(const char *fmt, va_list ap);

/* Copies at most SIZE-1 bytes of SRC into DST and NUL-terminates; returns strlen(src) like
 * BSD strlcpy, so truncation shows as a return value >= SIZE. */
size_t str_copy(char *dst, const char *src, size_t size);

/* ASCII lower-casing in place; returns S. */
char *str_lower(char *s);
/* Trims ASCII white space at both ends in place; returns S. */
char *str_trim(char *s);
/* Case-insensitive ASCII equality. */
bool str_ieq(const char *a, const char *b);

#endif
