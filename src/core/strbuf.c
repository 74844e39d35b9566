/* Growable string buffer and small string helpers. */
#include "core/strbuf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int sb_reserve(struct strbuf *sb, size_t extra)
{
    if (sb->failed)
        return -1;
    if (sb->len + extra + 1 <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            sb->failed = true;
            return -1;
        }
        cap *= 2;
    }
    char *data = realloc(sb->data, cap);
    if (!data) {
        sb->failed = true;
        return -1;
    }
    sb->data = data;
    sb->cap = cap;
    return 0;
}

int sb_append_len(struct strbuf *sb, const char *s, size_t len)
{
    if (sb_reserve(sb, len) != 0)
        return -1;
    if (len)
        memcpy(sb->data + sb->len, s, len);
    sb->len += len;
    sb->data[sb->len] = '\0';
    return 0;
}

int sb_append(struct strbuf *sb, const char *s)
{
    return sb_append_len(sb, s, strlen(s));
}

int sb_append_char(struct strbuf *sb, char c)
{
    return sb_append_len(sb, &c, 1);
}

int sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0 || sb_reserve(sb, (size_t)n) != 0)
        return -1;
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
    return 0;
}

int sb_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sb_vprintf(sb, fmt, ap);
    va_end(ap);
    return rc;
}

char *sb_take(struct strbuf *sb)
{
    if (sb->failed) {
        sb_free(sb);
        return NULL;
    }
    char *out = sb->data ? sb->data : strdup("");
    memset(sb, 0, sizeof *sb);
    return out;
}

void sb_free(struct strbuf *sb)
{
    free(sb->data);
    memset(sb, 0, sizeof *sb);
}

void sb_reset(struct strbuf *sb)
{
    sb->len = 0;
    sb->failed = false;
    if (sb->data)
        sb->data[0] = '\0';
}

char *str_vprintf(const char *fmt, va_list ap)
{
    struct strbuf sb = {0};
    if (sb_vprintf(&sb, fmt, ap) != 0) {
        sb_free(&sb);
        return NULL;
    }
    return sb_take(&sb);
}

char *str_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = str_vprintf(fmt, ap);
    va_end(ap);
    return s;
}

size_t str_copy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

char *str_lower(char *s)
{
    for (char *p = s; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

char *str_trim(char *s)
{
    char *start = s;
    while (*start && isspace((unsigned char)*start))
        start++;
    size_t len = strlen(start);
    while (len && isspace((unsigned char)start[len - 1]))
        len--;
    memmove(s, start, len);
    s[len] = '\0';
    return s;
}

bool str_ieq(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}
