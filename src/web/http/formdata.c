/* Form bodies and query strings: urlencoded and multipart/form-data, bounded. */
#define _GNU_SOURCE /* memmem */
#include "web/http/formdata.h"

#include "core/strbuf.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int fail(char **err, const char *msg)
{
    *err = str_printf("%s", msg);
    return -1;
}

static int hex(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes LEN bytes of S (+ and %XX) into a new NUL-terminated string; *OUT_LEN its length.
 * Returns NULL on a bad escape (and sets *BAD) or out of memory. */
static char *url_decode(const char *s, size_t len, size_t *out_len, bool *bad)
{
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            out[j++] = ' ';
        } else if (s[i] == '%') {
            int hi = i + 1 < len ? hex((unsigned char)s[i + 1]) : -1;
            int lo = i + 2 < len ? hex((unsigned char)s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                free(out);
                *bad = true;
                return NULL;
            }
            out[j++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[j++] = s[i];
        }
    }
    out[j] = '\0';
    *out_len = j;
    return out;
}

/* Text must be UTF-8 without NUL bytes: everything later relies on C strings. */
static bool text_ok(const char *s, size_t len)
{
    return memchr(s, '\0', len) == NULL && utf8_valid(s, len, NULL);
}

/* Takes ownership of NAME, VALUE and FILENAME (freeing them on failure). */
static int add_field(struct formdata *f, char *name, char *value, size_t len, char *filename,
                     char **err)
{
    if (f->count >= FORMDATA_MAX_FIELDS) {
        free(name);
        free(value);
        free(filename);
        return fail(err, "The form has too many fields.");
    }
    struct formdata_field *grown = realloc(f->fields, (f->count + 1) * sizeof *grown);
    if (!grown) {
        free(name);
        free(value);
        free(filename);
        *err = NULL;
        return -1;
    }
    f->fields = grown;
    f->fields[f->count++] = (struct formdata_field){name, value, len, filename};
    return 0;
}

int formdata_parse_urlencoded(const char *data, size_t len, struct formdata *out, char **err)
{
    *err = NULL;
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(data + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - data) : len;
        const char *pair = data + i;
        size_t pair_len = end - i;
        i = end + 1;
        if (pair_len == 0)
            continue;
        const char *eq = memchr(pair, '=', pair_len);
        size_t name_len = eq ? (size_t)(eq - pair) : pair_len;
        size_t value_len = eq ? pair_len - name_len - 1 : 0;
        /* Encoded sizes bound decoded sizes, so check before decoding. */
        if (name_len == 0)
            continue;
        if (name_len > 3 * FORMDATA_MAX_NAME)
            return fail(err, "A field name is too long.");
        if (value_len > 3 * (size_t)FORMDATA_MAX_VALUE)
            return fail(err, "A field is too long.");
        bool bad = false;
        size_t nlen = 0, vlen = 0;
        char *name = url_decode(pair, name_len, &nlen, &bad);
        char *value = name ? url_decode(eq ? eq + 1 : "", value_len, &vlen, &bad) : NULL;
        if (!name || !value) {
            free(name);
            free(value);
            return bad ? fail(err, "The form has a malformed %-escape.") : -1;
        }
        if (nlen > FORMDATA_MAX_NAME || vlen > FORMDATA_MAX_VALUE) {
            free(name);
            free(value);
            return fail(err, nlen > FORMDATA_MAX_NAME ? "A field name is too long."
                                                      : "A field is too long.");
        }
        if (!text_ok(name, nlen) || !text_ok(value, vlen)) {
            free(name);
            free(value);
            return fail(err, "The form holds text that is not valid UTF-8.");
        }
        if (add_field(out, name, value, vlen, NULL, err) != 0)
            return -1;
    }
    return 0;
}

/* Finds PARAM="value" or PARAM=value in a header value, case-insensitively on the name.
 * Returns a new string, or NULL when absent or too long (*TOO_LONG). */
static char *header_param(const char *h, size_t hlen, const char *param, size_t max)
{
    size_t plen = strlen(param);
    for (size_t i = 0; i + plen < hlen; i++) {
        if (strncasecmp(h + i, param, plen) != 0 || h[i + plen] != '=')
            continue;
        /* The parameter must start after ';' or white space, not inside another name. */
        if (i > 0 && h[i - 1] != ';' && h[i - 1] != ' ' && h[i - 1] != '\t')
            continue;
        const char *v = h + i + plen + 1;
        size_t rest = hlen - (i + plen + 1), vlen;
        if (rest && *v == '"') {
            const char *close = memchr(v + 1, '"', rest - 1);
            if (!close)
                return NULL;
            vlen = (size_t)(close - v - 1);
            v++;
        } else {
            vlen = 0;
            while (vlen < rest && v[vlen] != ';' && v[vlen] != ' ' && v[vlen] != '\t' &&
                   v[vlen] != '\r')
                vlen++;
        }
        if (vlen > max)
            return NULL;
        char *out = malloc(vlen + 1);
        if (!out)
            return NULL;
        memcpy(out, v, vlen);
        out[vlen] = '\0';
        return out;
    }
    return NULL;
}

/* Parses one part's headers (LEN bytes, lines ending CRLF) for Content-Disposition. */
static int part_headers(const char *h, size_t len, char **name, char **filename, char **err)
{
    size_t i = 0;
    while (i < len) {
        const char *eol = memchr(h + i, '\r', len - i);
        size_t end = eol ? (size_t)(eol - h) : len;
        const char *line = h + i;
        size_t llen = end - i;
        static const char cd[] = "content-disposition:";
        if (llen >= sizeof cd - 1 && strncasecmp(line, cd, sizeof cd - 1) == 0) {
            free(*name);
            free(*filename);
            *name = header_param(line, llen, "name", FORMDATA_MAX_NAME);
            *filename = header_param(line, llen, "filename", 255);
        }
        i = end + 2;
    }
    if (!*name)
        return fail(err, "A part of the upload has no field name.");
    if (!text_ok(*name, strlen(*name)) || (*filename && !text_ok(*filename, strlen(*filename))))
        return fail(err, "A field or file name is not valid UTF-8.");
    return 0;
}

int formdata_parse_multipart(const char *content_type, const char *data, size_t len,
                             struct formdata *out, char **err)
{
    *err = NULL;
    if (!content_type)
        return fail(err, "The upload has no content type.");
    char *boundary =
        header_param(content_type, strlen(content_type), "boundary", FORMDATA_MAX_BOUNDARY);
    if (!boundary || !boundary[0]) {
        free(boundary);
        return fail(err, "The upload has no valid boundary.");
    }
    char delim[FORMDATA_MAX_BOUNDARY + 5];
    size_t dlen = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", boundary);
    free(boundary);
    int status = -1;
    /* The first delimiter may start the body, without the CRLF before it. */
    const char *p;
    if (len >= dlen - 2 && memcmp(data, delim + 2, dlen - 2) == 0)
        p = data + dlen - 2;
    else {
        p = memmem(data, len, delim, dlen);
        if (!p)
            return fail(err, "The upload is not multipart/form-data.");
        p += dlen;
    }
    const char *end = data + len;
    for (;;) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            return 0; /* the closing delimiter; anything after is epilogue */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return fail(err, "The upload is malformed (a boundary is not followed by a line end).");
        p += 2;
        size_t rest = (size_t)(end - p);
        size_t hlimit = rest < FORMDATA_MAX_PART_HEADERS + 4 ? rest : FORMDATA_MAX_PART_HEADERS + 4;
        const char *hend = memmem(p, hlimit, "\r\n\r\n", 4);
        const char *content;
        size_t hlen;
        if (rest >= 2 && p[0] == '\r' && p[1] == '\n') {
            hlen = 0;
            content = p + 2;
        } else if (hend) {
            hlen = (size_t)(hend - p);
            content = hend + 4;
        } else {
            return fail(err, "The upload is malformed (part headers are missing or too long).");
        }
        char *name = NULL, *filename = NULL;
        if (part_headers(p, hlen, &name, &filename, err) != 0) {
            free(name);
            free(filename);
            return status;
        }
        const char *next = memmem(content, (size_t)(end - content), delim, dlen);
        if (!next) {
            free(name);
            free(filename);
            return fail(err, "The upload is incomplete (the final boundary is missing).");
        }
        size_t vlen = (size_t)(next - content);
        size_t max = filename ? (size_t)FORMDATA_MAX_FILE : (size_t)FORMDATA_MAX_VALUE;
        if (vlen > max || (!filename && !text_ok(content, vlen))) {
            free(name);
            free(filename);
            return fail(err, vlen > max ? "A field or file in the upload is too large."
                                        : "The form holds text that is not valid UTF-8.");
        }
        char *value = malloc(vlen + 1);
        if (!value) {
            free(name);
            free(filename);
            return -1;
        }
        memcpy(value, content, vlen);
        value[vlen] = '\0';
        if (add_field(out, name, value, vlen, filename, err) != 0)
            return -1;
        p = next + dlen;
    }
}

const struct formdata_field *formdata_field(const struct formdata *f, const char *name)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return &f->fields[i];
    return NULL;
}

const char *formdata_get(const struct formdata *f, const char *name)
{
    const struct formdata_field *field = formdata_field(f, name);
    return field ? field->value : NULL;
}

long long formdata_get_count(const struct formdata *f, const char *name, long long fallback)
{
    const char *s = formdata_get(f, name);
    if (!s || !*s)
        return fallback;
    char *end;
    long long v = strtoll(s, &end, 10);
    return *end || v < 0 ? -1 : v;
}

void formdata_free(struct formdata *f)
{
    for (size_t i = 0; i < f->count; i++) {
        free(f->fields[i].name);
        free(f->fields[i].value);
        free(f->fields[i].filename);
    }
    free(f->fields);
    f->fields = NULL;
    f->count = 0;
}
