/* Files compiled into the binary by cmake/embed.cmake (migrations, web assets). */
#ifndef SETWORK_CORE_EMBEDDED_H
#define SETWORK_CORE_EMBEDDED_H

#include <stddef.h>

/* One embedded file. `data` is NUL-terminated for convenience; `size` excludes the NUL. */
struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t size;
};

/* Tables end with a {0,0,0} entry and are sorted by name. */
extern const struct embedded_file store_migrations[];
extern const size_t store_migrations_count;
extern const struct embedded_file web_assets[];
extern const size_t web_assets_count;

/* Finds NAME in TABLE (terminated by a NULL name); NULL when absent. */
const struct embedded_file *embedded_find(const struct embedded_file *table, const char *name);

#endif
