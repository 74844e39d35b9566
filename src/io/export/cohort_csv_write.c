/* Writing a cohort back as CSV in the import's format. */
#include "io/import/cohort_csv.h"

#include "core/strbuf.h"
#include "io/csv/csv_reader.h"

#include <stdbool.h>
#include <string.h>

static bool is_known(const char *name)
{
    for (size_t k = 0; k < cohort_known_attr_count; k++) {
        if (strcmp(cohort_known_attrs[k], name) == 0)
            return true;
    }
    return false;
}

/* Renders the cohort as CSV: every known column, then custom ones, CRLF line ends (RFC 4180). */
char *cohort_csv_format(const struct cohort *c)
{
    struct strbuf sb = {0};
    sb_append(&sb, "name,email");
    for (size_t k = 0; k < cohort_known_attr_count; k++)
        sb_printf(&sb, ",%s", cohort_known_attrs[k]);
    sb_append(&sb, ",manager_email");
    for (size_t k = 0; k < c->attr_count; k++) {
        if (!is_known(c->attrs[k])) {
            sb_append_char(&sb, ',');
            csv_append_field(&sb, c->attrs[k]);
        }
    }
    sb_append(&sb, "\r\n");
    for (size_t i = 0; i < c->count; i++) {
        const struct cohort_person *p = &c->people[i];
        csv_append_field(&sb, p->name);
        sb_append_char(&sb, ',');
        csv_append_field(&sb, p->email);
        for (size_t k = 0; k < cohort_known_attr_count; k++) {
            long a = cohort_attr_index(c, cohort_known_attrs[k]);
            sb_append_char(&sb, ',');
            csv_append_field(&sb, a >= 0 ? p->values[a] : "");
        }
        sb_append_char(&sb, ',');
        csv_append_field(&sb, p->manager_email ? p->manager_email : "");
        for (size_t k = 0; k < c->attr_count; k++) {
            if (!is_known(c->attrs[k])) {
                sb_append_char(&sb, ',');
                csv_append_field(&sb, p->values[k]);
            }
        }
        sb_append(&sb, "\r\n");
    }
    return sb_take(&sb);
}

/* Writes DATA to PATH through a temporary file and a rename, so a failure never leaves a
 * half-written export behind. */
