/* Our own parser for what browsers send: application/x-www-form-urlencoded bodies and query
 * strings, and multipart/form-data (file upload). Untrusted input: every size is bounded by a
 * named limit below, checked before anything is allocated for it. */
#ifndef SETWORK_WEB_HTTP_FORMDATA_H
#define SETWORK_WEB_HTTP_FORMDATA_H

#include <stddef.h>

/* No page has more fields than this; more is an attack or a bug. */
#define FORMDATA_MAX_FIELDS 200
/* Field names are short identifiers. */
#define FORMDATA_MAX_NAME 64
/* A text field (a name, a search, a description). */
#define FORMDATA_MAX_VALUE (64 * 1024)
/* An uploaded file (a cohort CSV of 100,000 people fits). */
#define FORMDATA_MAX_FILE (64 * 1024 * 1024)
/* Headers of one multipart part. */
#define FORMDATA_MAX_PART_HEADERS 2048
/* The multipart boundary (RFC 2046 allows 70). */
#define FORMDATA_MAX_BOUNDARY 70

struct formdata_field {
    char *name;     /* NUL-terminated, valid UTF-8 */
    char *value;    /* NUL-terminated; text fields are valid UTF-8 without NUL bytes */
    size_t len;     /* bytes in value (a file may hold NUL bytes) */
    char *filename; /* for a file part: the name the browser sent (valid UTF-8), else NULL */
};

struct formdata {
    struct formdata_field *fields;
    size_t count;
};

/* Parses LEN bytes of DATA (name=value&... with + and %XX) into OUT, appending to what OUT
 * already holds (so a query string and a body can share one form). Returns 0, or -1 with a
 * message for the user in *ERR (caller frees; NULL when out of memory). On -1, OUT keeps what
 * was parsed before the error: the caller frees it with formdata_free. */
int formdata_parse_urlencoded(const char *data, size_t len, struct formdata *out, char **err);

/* Parses a multipart/form-data body. CONTENT_TYPE is the whole header value (the boundary is
 * taken from it). Returns and fills as formdata_parse_urlencoded does. */
int formdata_parse_multipart(const char *content_type, const char *data, size_t len,
                             struct formdata *out, char **err);

/* The first field named NAME, or NULL. */
const struct formdata_field *formdata_field(const struct formdata *f, const char *name);
/* The value of the first field named NAME, or NULL. */
const char *formdata_get(const struct formdata *f, const char *name);
/* The field NAME as a whole number of 0 or more: FALLBACK when it is absent or empty, -1 when it
 * is not such a number (the caller refuses it). */
long long formdata_get_count(const struct formdata *f, const char *name, long long fallback);

/* Frees everything OUT holds and empties it. */
void formdata_free(struct formdata *f);

#endif
