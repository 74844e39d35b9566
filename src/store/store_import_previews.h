/* Cohort files kept between the preview of an import and its application (migration 0021). */
#ifndef SETWORK_STORE_STORE_IMPORT_PREVIEWS_H
#define SETWORK_STORE_STORE_IMPORT_PREVIEWS_H

#include "store/db.h"

#include <stddef.h>

/* How long an unapplied preview is kept, in seconds. */
#define STORE_IMPORT_PREVIEW_TTL (24 * 3600)

struct stored_import_preview {
    long long id;
    char *filename;
    char *sheet; /* NULL: the first sheet */
    char *content;
    size_t len;
    char *digest;
    long long created_at;
};

/* Keeps LEN bytes of CONTENT uploaded by USER_ID for PROGRAMME_ID with the digest of its
 * preview, removing every preview older than STORE_IMPORT_PREVIEW_TTL at NOW. Stores the new
 * row's id in *ID. Returns 0 or -1. */
int store_import_preview_put(struct db *db, long long programme_id, long long user_id,
                             const char *filename, const char *sheet, const char *content,
                             size_t len, const char *digest, long long now, long long *id);

/* Reads preview ID when it belongs to PROGRAMME_ID and USER_ID and is younger than the TTL at
 * NOW. Returns 0 with OUT filled (free with stored_import_preview_free), 1 when there is none,
 * -1 on error. */
int store_import_preview_get(struct db *db, long long id, long long programme_id, long long user_id,
                             long long now, struct stored_import_preview *out);

/* Removes preview ID. Returns 0 or -1. */
int store_import_preview_delete(struct db *db, long long id);

void stored_import_preview_free(struct stored_import_preview *p);

#endif
