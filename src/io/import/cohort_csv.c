/* Cohort CSV: columns, per-row checks, duplicate emails and management links within the file. */
#include "io/import/cohort_csv.h"

#include "core/strbuf.h"
#include "io/csv/csv_reader.h"
#include "io/import/sheet_load.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest email address SMTP allows (RFC 5321 path limit less the angle brackets). */
#define EMAIL_MAX_LEN 254
#define NAME_MAX_LEN  200

/* Header names HR systems use for the columns setwork knows. */
static const struct {
    const char *alias;
    const char *name;
} column_aliases[] = {
    {"e_mail", "email"},
    {"email_address", "email"},
    {"work_email", "email"},
    {"full_name", "name"},
    {"organization", "organisation"},
    {"org", "organisation"},
    {"company", "organisation"},
    {"dept", "department"},
    {"line_manager_email", "manager_email"},
    {"manager_e_mail", "manager_email"},
    {"manager_email_address", "manager_email"},
};

static const char *canonical_column(const char *name)
{
    for (size_t i = 0; i < sizeof column_aliases / sizeof column_aliases[0]; i++) {
        if (strcmp(column_aliases[i].alias, name) == 0)
            return column_aliases[i].name;
    }
    return name;
}

static bool local_char(unsigned char c)
{
    return isalnum(c) || strchr("!#$%&'*+/=?^_`{|}~.-", c) != NULL;
}

int cohort_email_valid(const char *s)
{
    size_t len = strlen(s);
    const char *at = strchr(s, '@');
    if (len == 0 || len > EMAIL_MAX_LEN || !at || strchr(at + 1, '@'))
        return 0;
    size_t local_len = (size_t)(at - s);
    if (local_len == 0 || local_len > 64 || s[0] == '.' || at[-1] == '.')
        return 0;
    for (const char *p = s; p < at; p++) {
        if (!local_char((unsigned char)*p) || (p[0] == '.' && p[1] == '.'))
            return 0;
    }
    const char *domain = at + 1;
    const char *label = domain;
    int labels = 0;
    for (const char *p = domain;; p++) {
        if (*p == '.' || *p == '\0') {
            size_t n = (size_t)(p - label);
            if (n == 0 || n > 63 || label[0] == '-' || p[-1] == '-')
                return 0;
            labels++;
            if (*p == '\0') {
                /* The top-level domain is letters only, at least two, or an internationalised
                 * one in its ASCII form (xn--p1ai for .рф). */
                if (n < 2)
                    return 0;
                bool ace = n > 4 && strncasecmp(label, "xn--", 4) == 0;
                for (const char *q = label; q < p && !ace; q++) {
                    if (!isalpha((unsigned char)*q))
                        return 0;
                }
                break;
            }
            label = p + 1;
            continue;
        }
        if (!isalnum((unsigned char)*p) && *p != '-')
            return 0;
    }
    return labels >= 2;
}

/* Reports each management cycle inside the file once, naming everyone in it. */
static void report_cycles(const char *name, struct cohort *c, struct diag_list *diags)
{
    /* 0 unvisited, 1 on the current path, 2 done */
    unsigned char *state = calloc(c->count ? c->count : 1, 1);
    if (!state)
        return;
    for (size_t start = 0; start < c->count; start++) {
        long v = (long)start;
        while (v >= 0 && state[v] == 0) {
            state[v] = 1;
            v = c->people[v].manager;
        }
        if (v >= 0 && state[v] == 1) {
            /* v is on a cycle that this walk closed: describe it from v. */
            struct strbuf sb = {0};
            long u = v;
            do {
                sb_printf(&sb, "%s (line %ld) -> ", c->people[u].email, c->people[u].line);
                u = c->people[u].manager;
            } while (u != v);
            sb_printf(&sb, "%s", c->people[v].email);
            diag_add(diags, name, c->people[v].line, "manager_email",
                     "management cycle: %s; everyone in it would manage themselves, so correct "
                     "manager_email on one of these rows",
                     sb.data ? sb.data : "");
            sb_free(&sb);
        }
        for (long u = (long)start; u >= 0 && state[u] == 1; u = c->people[u].manager)
            state[u] = 2;
    }
    free(state);
}

static int build_attrs(const struct csv_table *t, long *col_of_attr, struct cohort *c)
{
    size_t n = 0;
    c->attrs = calloc(t->columns + 1, sizeof *c->attrs);
    if (!c->attrs)
        return -1;
    for (size_t k = 0; k < cohort_known_attr_count; k++) {
        for (size_t j = 0; j < t->columns; j++) {
            if (strcmp(canonical_column(t->header[j]), cohort_known_attrs[k]) == 0) {
                col_of_attr[n] = (long)j;
                c->attrs[n++] = strdup(cohort_known_attrs[k]);
                break;
            }
        }
    }
    for (size_t j = 0; j < t->columns; j++) {
        const char *h = canonical_column(t->header[j]);
        bool known =
            strcmp(h, "name") == 0 || strcmp(h, "email") == 0 || strcmp(h, "manager_email") == 0;
        for (size_t k = 0; k < cohort_known_attr_count && !known; k++)
            known = strcmp(h, cohort_known_attrs[k]) == 0;
        if (!known) {
            col_of_attr[n] = (long)j;
            c->attrs[n++] = strdup(h);
        }
    }
    c->attr_count = n;
    for (size_t k = 0; k < n; k++) {
        if (!c->attrs[k])
            return -1;
    }
    return 0;
}

static long column_named(const struct csv_table *t, const char *name)
{
    for (size_t j = 0; j < t->columns; j++) {
        if (strcmp(canonical_column(t->header[j]), name) == 0)
            return (long)j;
    }
    return -1;
}

static void check_row(const char *name, const struct csv_row *row, long col_name, long col_email,
                      long col_manager, struct diag_list *diags)
{
    const char *pname = row->fields[col_name];
    const char *email = row->fields[col_email];
    if (pname[0] == '\0')
        diag_add(diags, name, row->line, "name", "the name is empty; every person needs a name");
    else if (strlen(pname) > NAME_MAX_LEN)
        diag_add(diags, name, row->line, "name", "the name is longer than %d characters",
                 NAME_MAX_LEN);
    if (email[0] == '\0')
        diag_add(diags, name, row->line, "email",
                 "the email is empty; every person needs a unique email address");
    else if (!cohort_email_valid(email))
        diag_add(diags, name, row->line, "email",
                 "'%s' is not a valid email address; write it as name@example.org", email);
    if (col_manager >= 0) {
        const char *m = row->fields[col_manager];
        if (m[0] && !cohort_email_valid(m))
            diag_add(diags, name, row->line, "manager_email",
                     "'%s' is not a valid email address; give the manager's email or leave it "
                     "empty",
                     m);
        else if (m[0] && strcasecmp(m, email) == 0)
            diag_add(diags, name, row->line, "manager_email",
                     "a person cannot be their own manager; leave manager_email empty");
    }
}

static int fill_people(const char *name, const struct csv_table *t, const long *col_of_attr,
                       long col_name, long col_email, long col_manager, struct cohort *c)
{
    c->people = calloc(t->row_count ? t->row_count : 1, sizeof *c->people);
    if (!c->people)
        return -1;
    for (size_t i = 0; i < t->row_count; i++) {
        const struct csv_row *row = &t->rows[i];
        struct cohort_person *p = &c->people[c->count++];
        p->line = row->line;
        p->manager = -1;
        p->name = strdup(row->fields[col_name]);
        p->email = strdup(row->fields[col_email]);
        if (!p->name || !p->email)
            return -1;
        str_lower(p->email);
        if (col_manager >= 0 && row->fields[col_manager][0]) {
            p->manager_email = strdup(row->fields[col_manager]);
            if (!p->manager_email)
                return -1;
            str_lower(p->manager_email);
        }
        p->values = calloc(c->attr_count ? c->attr_count : 1, sizeof *p->values);
        if (!p->values)
            return -1;
        for (size_t k = 0; k < c->attr_count; k++) {
            p->values[k] = strdup(row->fields[col_of_attr[k]]);
            if (!p->values[k])
                return -1;
        }
    }
    (void)name;
    return 0;
}

int cohort_csv_parse(const char *name, const char *data, size_t len, struct cohort *out,
                     struct diag_list *diags)
{
    return cohort_csv_parse_with(name, data, len, NULL, out, diags);
}

int cohort_csv_parse_with(const char *name, const char *data, size_t len,
                          const struct cohort_lookup *lookup, struct cohort *out,
                          struct diag_list *diags)
{
    struct cohort_read_options opt = {.lookup = lookup};
    return cohort_parse(name, data, len, &opt, out, NULL, diags);
}

int cohort_parse(const char *name, const char *data, size_t len,
                 const struct cohort_read_options *opt, struct cohort *out,
                 struct sheet_source *src, struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    const struct cohort_lookup *lookup = opt ? opt->lookup : NULL;
    struct sheet_source own;
    if (!src)
        src = &own;
    size_t at_start = diags->count + diags->dropped;
    struct csv_table t;
    /* The rows without structural problems come back too, so that their content is checked
     * in the same pass: one upload lists every problem. */
    int rc = sheet_load(name, data, len, opt ? opt->sheet : NULL, true, &t, src, diags);
    if (src == &own)
        sheet_source_free(&own);
    if (rc < 0)
        return rc;
    if (!t.header) {
        csv_table_free(&t);
        diag_sort(diags);
        return 1;
    }
    bool structural = rc != 0;
    size_t before = diags->count + diags->dropped;
    long col_name = column_named(&t, "name");
    long col_email = column_named(&t, "email");
    long col_manager = column_named(&t, "manager_email");
    long header_line = t.header_line;
    if (col_name < 0)
        diag_add(diags, name, header_line, "name",
                 "the required column 'name' is missing from the header; add it");
    if (col_email < 0)
        diag_add(diags, name, header_line, "email",
                 "the required column 'email' is missing from the header; add it");
    /* Two columns that mean the same (say 'organisation' and 'company') would leave one of
     * them silently unread; the reader already rejects columns with the same name. */
    for (size_t j = 0; j < t.columns; j++) {
        const char *h = canonical_column(t.header[j]);
        for (size_t i = 0; i < j; i++) {
            if (strcmp(canonical_column(t.header[i]), h) == 0) {
                diag_add(diags, name, header_line, t.header_raw[j],
                         "this column means the same as column %zu ('%s'): both are read as "
                         "'%s'; keep one of them",
                         i + 1, t.header_raw[i], h);
                break;
            }
        }
    }
    if (t.row_count == 0 && !structural)
        diag_add(diags, name, header_line, NULL, "the file has a header but nobody in it");
    if (t.row_count > COHORT_MAX_PEOPLE)
        diag_add(diags, name, 0, NULL, "the file has %zu people, more than the limit of %d",
                 t.row_count, COHORT_MAX_PEOPLE);
    if (diags->count + diags->dropped > before) {
        csv_table_free(&t);
        diag_sort(diags);
        return 1;
    }

    for (size_t i = 0; i < t.row_count; i++)
        check_row(name, &t.rows[i], col_name, col_email, col_manager, diags);

    long *col_of_attr = calloc(t.columns + 1, sizeof *col_of_attr);
    struct cohort_index idx = {0};
    if (!col_of_attr || build_attrs(&t, col_of_attr, out) != 0 ||
        fill_people(name, &t, col_of_attr, col_name, col_email, col_manager, out) != 0 ||
        cohort_index_build(out, &idx) != 0) {
        rc = -1;
        goto done;
    }

    out->has_manager_column = col_manager >= 0;
    for (size_t i = 1; i < idx.count; i++) {
        const struct cohort_index_entry *e = &idx.entries[i];
        if (e->email[0] && strcmp(e->email, idx.entries[i - 1].email) == 0) {
            long first_line = out->people[cohort_index_find(&idx, e->email)].line;
            diag_add(diags, name, out->people[e->person].line, "email",
                     "'%s' appears again (first on line %ld); each person must appear once",
                     e->email, first_line);
        }
    }
    for (size_t i = 0; i < out->count; i++) {
        struct cohort_person *p = &out->people[i];
        if (p->manager_email)
            p->manager = cohort_index_find(&idx, p->manager_email);
        if (p->manager == (long)i)
            p->manager = -1; /* reported by check_row */
        if (p->manager_email && p->manager < 0 && lookup && cohort_email_valid(p->manager_email) &&
            strcmp(p->manager_email, p->email) != 0 &&
            lookup->exists(lookup->ctx, p->manager_email) == 0)
            diag_add(diags, name, p->line, "manager_email",
                     "'%s' is nobody in this file or in setwork; add the manager to the file, "
                     "or leave manager_email empty",
                     p->manager_email);
    }
    report_cycles(name, out, diags);
    rc = diags->count + diags->dropped > at_start ? 1 : 0;
done:
    free(col_of_attr);
    cohort_index_free(&idx);
    csv_table_free(&t);
    if (rc != 0)
        cohort_free(out);
    diag_sort(diags);
    return rc;
}

int cohort_csv_read(const char *path, const struct cohort_lookup *lookup, struct cohort *out,
                    struct diag_list *diags)
{
    struct cohort_read_options opt = {.lookup = lookup};
    return cohort_read_file(path, &opt, out, NULL, diags);
}

int cohort_read_file(const char *path, const struct cohort_read_options *opt, struct cohort *out,
                     struct sheet_source *src, struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    if (src)
        memset(src, 0, sizeof *src);
    char *data = NULL;
    size_t len = 0;
    if (csv_read_file(path, &data, &len, diags) != 0)
        return 1;
    int rc = cohort_parse(path, data, len, opt, out, src, diags);
    free(data);
    return rc;
}
