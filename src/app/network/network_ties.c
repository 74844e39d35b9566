/* Checking a tie file row by row and across rows (duplicates), then storing it. */
#include "app/network/network_ties.h"

#include "core/strbuf.h"
#include "io/csv/csv_reader.h"
#include "store/store_network.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static long relation_index(struct tie_file *f, const char *name)
{
    for (size_t i = 0; i < f->relation_count; i++)
        if (str_ieq(f->relations[i], name))
            return (long)i;
    return -1;
}

static int add_relation(struct tie_file *f, const char *name)
{
    char **grown = realloc(f->relations, (f->relation_count + 1) * sizeof *grown);
    if (!grown)
        return -1;
    f->relations = grown;
    if (!(grown[f->relation_count] = strdup(name)))
        return -1;
    f->relation_count++;
    return 0;
}

/* Looks up one email cell; reports blank and unknown. Returns the person or -1. */
static long member(const char *name, long line, const char *field, const char *value,
                   const struct cohort_index *idx, const char *programme, struct diag_list *diags)
{
    if (!value[0]) {
        diag_add(diags, name, line, field, "%s is empty; give the person's email", field);
        return -1;
    }
    char *lower = strdup(value);
    if (!lower)
        return -1;
    long p = cohort_index_find(idx, str_lower(lower));
    free(lower);
    if (p < 0)
        diag_add(diags, name, line, field,
                 "'%s' is not a member of programme '%s'; check the address or import the "
                 "person with 'setwork import' first",
                 value, programme);
    return p;
}

static int parse_strength(const char *name, long line, const char *text, double *out,
                          struct diag_list *diags)
{
    *out = NAN;
    if (!text[0])
        return 0;
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(v) || v < 0 || v > TIES_STRENGTH_MAX) {
        diag_add(diags, name, line, "strength",
                 "strength '%s' is not a number from 0 to %g; leave it empty for none", text,
                 TIES_STRENGTH_MAX);
        return -1;
    }
    *out = v;
    return 0;
}

static int cmp_row(const void *a, const void *b)
{
    const struct tie_row *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->to != y->to)
        return x->to < y->to ? -1 : 1;
    if (x->relation != y->relation)
        return x->relation < y->relation ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* "nobody" rows against ties of the same respondent: "I know nobody here" under a relation
 * (or under every relation when it is blank) contradicts naming someone there. SORTED is the
 * file's rows by respondent, then person named (TIES_NOBODY first), so each respondent's rows
 * are together and their nobody rows lead: one pass over the file. */
static void report_nobody_conflicts(const char *name, const struct tie_row *sorted, size_t count,
                                    const struct cohort *members, struct diag_list *diags)
{
    for (size_t start = 0, end; start < count; start = end) {
        for (end = start; end < count && sorted[end].from == sorted[start].from; end++)
            ;
        for (size_t i = start; i < end && sorted[i].to == TIES_NOBODY; i++) {
            const struct tie_row *a = &sorted[i];
            for (size_t j = start; j < end; j++) {
                const struct tie_row *b = &sorted[j];
                if (b->to == TIES_NOBODY || (a->relation >= 0 && b->relation != a->relation))
                    continue;
                diag_add(diags, name, a->line, "to_email",
                         "%s names nobody here, but line %ld names %s; keep one or the other",
                         members->people[a->from].email, b->line, members->people[b->to].email);
                break;
            }
        }
    }
}

/* Rows repeating an earlier (from, to, relation), and nobody rows beside ties. */
static void report_duplicates(const char *name, struct tie_file *f, const struct cohort *members,
                              struct diag_list *diags)
{
    struct tie_row *sorted = malloc((f->count ? f->count : 1) * sizeof *sorted);
    if (!sorted)
        return;
    memcpy(sorted, f->rows, f->count * sizeof *sorted);
    qsort(sorted, f->count, sizeof *sorted, cmp_row);
    size_t first = 0;
    for (size_t i = 1; i < f->count; i++) {
        const struct tie_row *a = &sorted[first], *b = &sorted[i];
        if (a->from == b->from && a->to == b->to && a->relation == b->relation &&
            b->to == TIES_NOBODY) {
            diag_add(diags, name, b->line, NULL,
                     "duplicate of line %ld: %s already named nobody%s%s%s; remove one row",
                     a->line, members->people[b->from].email, b->relation >= 0 ? " under '" : "",
                     b->relation >= 0 ? f->relations[b->relation] : "",
                     b->relation >= 0 ? "'" : "");
        } else if (a->from == b->from && a->to == b->to && a->relation == b->relation) {
            diag_add(diags, name, b->line, NULL,
                     "duplicate of line %ld: %s already named %s under '%s'; remove one row",
                     a->line, members->people[b->from].email, members->people[b->to].email,
                     f->relations[b->relation]);
        } else {
            first = i;
        }
    }
    report_nobody_conflicts(name, sorted, f->count, members, diags);
    free(sorted);
}

int tie_file_parse(const char *name, const char *data, size_t len, const struct cohort *members,
                   const char *programme, struct tie_file *out, struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    struct csv_table t;
    int rc = csv_parse_all(name, data, len, &t, diags);
    if (rc != 0)
        return rc;
    struct cohort_index idx = {0};
    size_t before = diags->count + diags->dropped;
    long col_from = csv_column(&t, "from_email");
    long col_to = csv_column(&t, "to_email");
    long col_rel = csv_column(&t, "relation");
    long col_strength = csv_column(&t, "strength");
    static const char *const required[] = {"from_email", "to_email", "relation"};
    long cols[] = {col_from, col_to, col_rel};
    for (int i = 0; i < 3; i++)
        if (cols[i] < 0)
            diag_add(diags, name, t.header_line, required[i],
                     "the required column '%s' is missing from the header "
                     "(from_email,to_email,relation[,strength])",
                     required[i]);
    if (t.row_count == 0)
        diag_add(diags, name, t.header_line, NULL, "the file has a header but no ties");
    if (diags->count + diags->dropped > before) {
        rc = 1;
        goto done;
    }
    rc = -1;
    out->rows = calloc(t.row_count, sizeof *out->rows);
    if (!out->rows || cohort_index_build(members, &idx) != 0)
        goto done;
    for (size_t i = 0; i < t.row_count; i++) {
        const struct csv_row *row = &t.rows[i];
        long from =
            member(name, row->line, "from_email", row->fields[col_from], &idx, programme, diags);
        /* An empty to_email is the answer "I know nobody here": the respondent answered and
         * named nobody, so they count in the response rate. */
        bool nobody = !row->fields[col_to][0];
        long to = nobody ? TIES_NOBODY
                         : member(name, row->line, "to_email", row->fields[col_to], &idx, programme,
                                  diags);
        const char *rel = row->fields[col_rel];
        double strength = NAN;
        bool ok = from >= 0 && (nobody || to >= 0);
        if (col_strength >= 0 &&
            parse_strength(name, row->line, row->fields[col_strength], &strength, diags) != 0)
            ok = false;
        if (nobody && !isnan(strength)) {
            diag_add(diags, name, row->line, "strength",
                     "a row that names nobody (to_email empty) has no strength; leave it empty");
            ok = false;
        }
        if (ok && from == to) {
            diag_add(diags, name, row->line, "to_email",
                     "%s names themselves; a person cannot be their own contact",
                     members->people[from].email);
            ok = false;
        }
        long r = -1;
        if (nobody && !rel[0]) {
            r = -1; /* named nobody under any relation */
        } else if (!rel[0]) {
            diag_add(diags, name, row->line, "relation",
                     "the relation is empty; say what the tie means, e.g. 'knows'");
            ok = false;
        } else if (strlen(rel) > TIES_RELATION_MAX_LEN) {
            diag_add(diags, name, row->line, "relation",
                     "the relation is longer than %d characters", TIES_RELATION_MAX_LEN);
            ok = false;
        } else if ((r = relation_index(out, rel)) < 0) {
            if (out->relation_count >= TIES_MAX_RELATIONS) {
                diag_add(diags, name, row->line, "relation",
                         "'%s' would be relation number %d; a file may hold at most %d", rel,
                         TIES_MAX_RELATIONS + 1, TIES_MAX_RELATIONS);
                ok = false;
            } else if (add_relation(out, rel) != 0) {
                goto done;
            } else {
                r = (long)out->relation_count - 1;
            }
        }
        if (ok)
            out->rows[out->count++] = (struct tie_row){
                .from = (int)from,
                .to = (int)to,
                .relation = (int)r,
                .strength = strength,
                .line = row->line,
            };
    }
    report_duplicates(name, out, members, diags);
    rc = diags->count + diags->dropped > before ? 1 : 0;
done:
    cohort_index_free(&idx);
    csv_table_free(&t);
    if (rc != 0)
        tie_file_free(out);
    diag_sort(diags);
    return rc;
}

int tie_file_read(const char *path, const struct cohort *members, const char *programme,
                  struct tie_file *out, struct diag_list *diags)
{
    memset(out, 0, sizeof *out);
    char *data = NULL;
    size_t len = 0;
    if (csv_read_file(path, &data, &len, diags) != 0)
        return 1;
    int rc = tie_file_parse(path, data, len, members, programme, out, diags);
    free(data);
    return rc;
}

void tie_file_free(struct tie_file *f)
{
    free(f->rows);
    for (size_t i = 0; i < f->relation_count; i++)
        free(f->relations[i]);
    free(f->relations);
    memset(f, 0, sizeof *f);
}
