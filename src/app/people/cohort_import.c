/* Writing a cohort to the store, person by person, inside one transaction. */
#include "app/people/cohort_import.h"

#include "core/strbuf.h"
#include "core/token.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <stdlib.h>
#include <string.h>

/* A chain of managers longer than this is treated as a cycle (no organisation is this deep). */
#define MANAGEMENT_CHAIN_MAX 10000

static const char *attr_value(const struct cohort *c, const struct cohort_person *p,
                              const char *name)
{
    long k = cohort_attr_index(c, name);
    return k >= 0 ? p->values[k] : NULL;
}

/* Checks the managers that are not in the file: they must be in the store, and following the
 * chain through the store must not lead back into the file's person (a cycle across imports). */
static int check_external_managers(struct db *db, const struct cohort *c,
                                   const struct cohort_index *idx, const char *source,
                                   struct diag_list *diags)
{
    for (size_t i = 0; i < c->count; i++) {
        const struct cohort_person *p = &c->people[i];
        if (!p->manager_email || p->manager >= 0)
            continue;
        long long id;
        int rc = store_person_id(db, p->manager_email, &id);
        if (rc < 0)
            return -1;
        if (rc == 1) {
            diag_add(diags, source, p->line, "manager_email",
                     "'%s' is nobody in this file or in setwork; add the manager to the file, "
                     "or leave manager_email empty",
                     p->manager_email);
            continue;
        }
        char *cur = strdup(p->manager_email);
        for (int steps = 0; cur && steps < MANAGEMENT_CHAIN_MAX; steps++) {
            long in_file = cohort_index_find(idx, cur);
            char *next = NULL;
            if (in_file >= 0) {
                const char *m = c->people[in_file].manager_email;
                next = m ? strdup(m) : NULL;
            } else if (store_manager_of(db, cur, &next) < 0) {
                free(cur);
                return -1;
            }
            free(cur);
            cur = next;
            if (cur && strcmp(cur, p->email) == 0) {
                diag_add(diags, source, p->line, "manager_email",
                         "management cycle: %s is managed by %s, whose chain of managers in "
                         "setwork leads back to %s; correct manager_email",
                         p->email, p->manager_email, p->email);
                break;
            }
        }
        free(cur);
    }
    return 0;
}

static void note_change(struct import_report *r, const char *email, const char *field,
                        const char *from, const char *to)
{
    json_array_append_new(r->changes,
                          json_pack("{s:s, s:s, s:s, s:s}", "email", email, "field", field, "from",
                                    from ? from : "", "to", to ? to : ""));
}

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Creates or updates one person; attributes whose columns the file lacks are left alone. */
static int upsert_person(struct db *db, const struct cohort *c, const struct cohort_person *p,
                         long long *id, struct import_report *r)
{
    struct stored_person old;
    int rc = store_person_get(db, p->email, &old);
    if (rc < 0)
        return -1;
    const char *org = attr_value(c, p, "organisation");
    if (rc == 1) {
        if (store_person_insert(db, p->email, p->name, org, id) != 0)
            return -1;
        for (size_t k = 0; k < c->attr_count; k++) {
            if (strcmp(c->attrs[k], "organisation") != 0 &&
                store_person_set_attr(db, *id, c->attrs[k], p->values[k]) != 0)
                return -1;
        }
        r->created++;
        return 0;
    }
    *id = old.id;
    size_t before = json_array_size(r->changes);
    const char *new_org = cohort_attr_index(c, "organisation") >= 0 ? org : old.organisation;
    if (!same(old.name, p->name))
        note_change(r, p->email, "name", old.name, p->name);
    if (!same(old.organisation, new_org))
        note_change(r, p->email, "organisation", old.organisation, new_org);
    int result = 0;
    if (json_array_size(r->changes) > before &&
        store_person_update(db, old.id, p->name, new_org) != 0)
        result = -1;
    for (size_t k = 0; k < c->attr_count && result == 0; k++) {
        if (strcmp(c->attrs[k], "organisation") == 0)
            continue;
        const char *was = stored_person_attr(&old, c->attrs[k]);
        if (same(was, p->values[k]))
            continue;
        note_change(r, p->email, c->attrs[k], was, p->values[k]);
        result = store_person_set_attr(db, old.id, c->attrs[k], p->values[k]);
    }
    /* Manager changes are noted here and written in the second pass. */
    if (result == 0 && c->has_manager_column && !same(old.manager_email, p->manager_email))
        note_change(r, p->email, "manager_email", old.manager_email, p->manager_email);
    if (json_array_size(r->changes) > before)
        r->updated++;
    else
        r->unchanged++;
    stored_person_free(&old);
    return result;
}

static int link_managers(struct db *db, const struct cohort *c, const long long *ids)
{
    if (!c->has_manager_column)
        return 0;
    for (size_t i = 0; i < c->count; i++) {
        const struct cohort_person *p = &c->people[i];
        long long manager = 0;
        if (p->manager >= 0)
            manager = ids[p->manager];
        else if (p->manager_email && store_person_id(db, p->manager_email, &manager) != 0)
            return -1;
        if (store_person_set_manager(db, ids[i], manager) != 0)
            return -1;
    }
    return 0;
}

/* Members of the programme who are not in the file: listed, and removed with --prune. */
static int members_not_in_file(struct db *db, long long programme_id,
                               const struct cohort_index *idx, const struct import_options *opt,
                               struct import_report *r)
{
    struct cohort current;
    char *err = NULL;
    if (store_load_cohort(db, programme_id, &current, &err) != 0) {
        free(err);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < current.count && rc == 0; i++) {
        if (cohort_index_find(idx, current.people[i].email) >= 0)
            continue;
        json_array_append_new(r->not_in_file, json_string(current.people[i].email));
        if (opt->prune)
            rc = store_member_remove(db, programme_id, current.people[i].id);
    }
    r->pruned = opt->prune && json_array_size(r->not_in_file) > 0;
    cohort_free(&current);
    return rc;
}

/* The digest of what the import does: the same file against the same store gives the same one,
 * and any difference in what would change (a person edited in between) gives another. */
static int report_digest(struct import_report *r, const char *programme)
{
    json_t *j =
        json_pack("{s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:O, s:O, s:O, s:b}", "programme", programme,
                  "programme_created", r->programme_created, "people", (json_int_t)r->people,
                  "created", (json_int_t)r->created, "updated", (json_int_t)r->updated, "unchanged",
                  (json_int_t)r->unchanged, "joined", (json_int_t)r->joined, "changes", r->changes,
                  "added", r->added, "not_in_file", r->not_in_file, "removed", r->pruned);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(j);
    if (!text)
        return -1;
    token_hash(text, r->digest);
    free(text);
    return 0;
}

int cohort_import(struct db *db, const struct cohort *c, const struct import_options *opt,
                  struct import_report *r, struct diag_list *diags)
{
    memset(r, 0, sizeof *r);
    r->changes = json_array();
    r->not_in_file = json_array();
    r->added = json_array();
    r->people = c->count;
    long long *ids = calloc(c->count ? c->count : 1, sizeof *ids);
    struct cohort_index idx = {0};
    if (!ids || !r->changes || !r->not_in_file || !r->added || cohort_index_build(c, &idx) != 0 ||
        db_begin(db) != 0) {
        diag_add(diags, opt->source, 0, NULL, "cannot start the import: %s", db_errmsg(db));
        free(ids);
        cohort_index_free(&idx);
        return -1;
    }
    size_t problems = diags->count + diags->dropped;
    int rc = check_external_managers(db, c, &idx, opt->source, diags);
    if (rc == 0 && diags->count + diags->dropped > problems) {
        rc = 1;
        goto rollback;
    }
    long long programme_id = 0;
    if (rc == 0) {
        int found = store_programme_id(db, opt->programme, &programme_id);
        r->programme_created = found == 1;
        rc = found < 0 ? -1 : store_programme_ensure(db, opt->programme, &programme_id);
    }
    for (size_t i = 0; i < c->count && rc == 0; i++) {
        size_t created_before = r->created;
        rc = upsert_person(db, c, &c->people[i], &ids[i], r);
        int added = 0;
        if (rc == 0)
            rc = store_member_add(db, programme_id, ids[i], &added);
        r->joined += (size_t)added;
        if (rc == 0 && added)
            json_array_append_new(r->added,
                                  json_pack("{s:s, s:s, s:b}", "email", c->people[i].email, "name",
                                            c->people[i].name ? c->people[i].name : "", "new",
                                            r->created > created_before));
    }
    if (rc == 0)
        rc = link_managers(db, c, ids);
    if (rc == 0)
        rc = members_not_in_file(db, programme_id, &idx, opt, r);
    if (rc == 0)
        rc = report_digest(r, opt->programme);
    if (rc == 0 && opt->expect && strcmp(opt->expect, r->digest) != 0)
        rc = 2;
    if (rc != 0)
        goto rollback;
    if (opt->dry_run) {
        db_rollback(db);
    } else if (db_commit(db) != 0) {
        rc = -1;
        goto rollback;
    }
    free(ids);
    cohort_index_free(&idx);
    return 0;
rollback:
    if (rc < 0)
        diag_add(diags, opt->source, 0, NULL,
                 "the database refused the import (%s); nothing was written", db_errmsg(db));
    db_rollback(db);
    free(ids);
    cohort_index_free(&idx);
    diag_sort(diags);
    return rc;
}

void import_report_free(struct import_report *r)
{
    json_decref(r->changes);
    json_decref(r->not_in_file);
    json_decref(r->added);
    memset(r, 0, sizeof *r);
}

json_t *import_report_json(const struct import_report *r, const struct import_options *opt)
{
    return json_pack("{s:s, s:b, s:b, s:I, s:I, s:I, s:I, s:I, s:O, s:O*, s:O, s:b, s:s}",
                     "programme", opt->programme, "dry_run", opt->dry_run, "programme_created",
                     r->programme_created, "people", (json_int_t)r->people, "created",
                     (json_int_t)r->created, "updated", (json_int_t)r->updated, "unchanged",
                     (json_int_t)r->unchanged, "joined", (json_int_t)r->joined, "changes",
                     r->changes, "added", r->added, "not_in_file", r->not_in_file, "removed",
                     r->pruned, "digest", r->digest);
}
