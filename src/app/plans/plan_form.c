/* The choices of the form for forming sets, and its rules stored by person (plan_form.h). */
#include "app/plans/plan_form.h"

#include "app/plans/form_build.h"
#include "store/store_people.h"
#include "store/store_plans.h"
#include "store/store_sets.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void plan_form_choices_free(struct plan_form_choices *c)
{
    for (size_t i = 0; i < c->attr_count; i++)
        free(c->attrs[i]);
    free(c->attrs);
    free(c->weights);
    for (size_t i = 0; i < c->people_count; i++) {
        free(c->people[i].label);
        free(c->people[i].email);
    }
    free(c->people);
    for (size_t i = 0; i < c->rule_count; i++)
        free(c->rules[i].set_name);
    free(c->rules);
    memset(c, 0, sizeof *c);
}

static int same_name(const struct cohort *co, size_t i, size_t j)
{
    return str_ieq(co->people[i].name, co->people[j].name);
}

/* Labels: the name; for namesakes the name and department (or organisation), then a number. */
static int label_people(struct plan_form_choices *out, const struct cohort *co)
{
    long dept = cohort_attr_index(co, "department");
    if (dept < 0)
        dept = cohort_attr_index(co, "organisation");
    for (size_t i = 0; i < co->count; i++) {
        const struct cohort_person *p = &co->people[i];
        size_t twins = 0, nth = 0;
        for (size_t j = 0; j < co->count; j++) {
            if (j != i && same_name(co, i, j)) {
                twins++;
                nth += j < i;
            }
        }
        const char *where = dept >= 0 ? p->values[dept] : "";
        out->people[i].id = p->id;
        out->people[i].email = str_printf("%s", p->email);
        out->people[i].label = !twins   ? str_printf("%s", p->name)
                               : *where ? str_printf("%s (%s, %zu)", p->name, where, nth + 1)
                                        : str_printf("%s (%zu)", p->name, nth + 1);
        if (!out->people[i].label || !out->people[i].email)
            return -1;
    }
    out->people_count = co->count;
    return 0;
}

static long index_of_id(const struct plan_form_choices *c, long long id)
{
    for (size_t i = 0; i < c->people_count; i++)
        if (c->people[i].id == id)
            return (long)i;
    return -1;
}

static int load_rules(struct db *db, long long programme_id, struct plan_form_choices *out,
                      struct strbuf *err)
{
    struct store_rule *rules = NULL;
    size_t count = 0;
    char *msg = NULL;
    if (store_rules_load(db, programme_id, &rules, &count, &msg) != 0) {
        sb_append(err, msg ? msg : "the rules could not be read");
        free(msg);
        return -1;
    }
    out->rules = calloc(count + 1, sizeof *out->rules);
    int rc = out->rules ? 0 : -1;
    for (size_t t = 0; rc == 0 && t < count; t++) {
        long a = index_of_id(out, rules[t].a), b = index_of_id(out, rules[t].b);
        char kind = rules[t].kind[0];
        if (a < 0 || (kind != 'p' && b < 0))
            continue; /* no longer a member */
        struct plan_form_rule *r = &out->rules[out->rule_count++];
        *r = (struct plan_form_rule){kind, (int)a, kind == 'p' ? -1 : (int)b, NULL};
        if (kind == 'p' && !(r->set_name = str_printf("%s", rules[t].set_name)))
            rc = -1;
    }
    store_rules_free(rules, count);
    if (rc != 0)
        sb_append(err, "out of memory");
    return rc;
}

enum status plan_form_choices_load(struct db *db, long long programme_id,
                                   struct plan_form_choices *out, struct strbuf *err)
{
    memset(out, 0, sizeof *out);
    struct cohort co = {0};
    char *msg = NULL, *spec = NULL;
    if (store_load_cohort(db, programme_id, &co, &msg) != 0) {
        sb_append(err, msg ? msg : "the programme could not be loaded");
        free(msg);
        return STATUS_FAILED;
    }
    enum status st = STATUS_FAILED;
    struct form_input in;
    store_programme_weights(db, programme_id, &spec);
    /* The programme's weights over the engine's defaults, as forming with blank weights uses. */
    struct strbuf ignored = {0};
    if (form_input_init(&in, &co, spec, &ignored) != 0) {
        form_input_free(&in);
        form_input_init(&in, &co, NULL, &ignored);
    }
    sb_free(&ignored);
    out->attrs = calloc(co.attr_count + 1, sizeof(char *));
    out->weights = calloc(co.attr_count + 1, sizeof(double));
    out->people = calloc(co.count + 1, sizeof *out->people);
    if (!out->attrs || !out->weights || !out->people || !in.weight)
        goto out;
    for (size_t k = 0; k < co.attr_count; k++) {
        out->attrs[k] = str_printf("%s", co.attrs[k]);
        out->weights[k] = in.weight[k];
        if (!out->attrs[k])
            goto out;
        out->attr_count = k + 1;
    }
    out->w_new = in.w_new;
    out->w_similar = in.w_similar;
    if (label_people(out, &co) != 0)
        goto out;
    st = load_rules(db, programme_id, out, err) == 0 ? STATUS_OK : STATUS_FAILED;
out:
    if (st != STATUS_OK && !err->data)
        sb_append(err, "out of memory");
    form_input_free(&in);
    cohort_free(&co);
    free(spec);
    return st;
}

static const char *trimmed(const char *s, size_t *len)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    *len = n;
    return s;
}

static int matches(const char *want, size_t len, const char *have)
{
    return strlen(have) == len && strncasecmp(want, have, len) == 0;
}

long plan_form_person_find(const struct plan_form_choices *c, const char *text)
{
    size_t len;
    const char *t = trimmed(text ? text : "", &len);
    if (!len)
        return -1;
    long found = -1;
    for (size_t i = 0; i < c->people_count; i++) {
        if (matches(t, len, c->people[i].label) || matches(t, len, c->people[i].email)) {
            if (found >= 0)
                return -1;
            found = (long)i;
        }
    }
    return found;
}

enum status plan_form_rules_store(struct db *db, long long programme_id,
                                  const struct plan_form_choices *c,
                                  const struct plan_form_rule *rules, size_t count)
{
    if (db_begin(db) != 0)
        return STATUS_FAILED;
    int rc = store_rules_clear(db, programme_id) | store_rules_clear_together(db, programme_id);
    for (size_t t = 0; rc == 0 && t < count; t++) {
        const struct plan_form_rule *r = &rules[t];
        const char *kind = r->kind == 'a' ? "apart" : r->kind == 't' ? "together" : "pin";
        rc = store_rule_add(db, programme_id, kind, c->people[r->a].id,
                            r->kind == 'p' ? 0 : c->people[r->b].id,
                            r->kind == 'p' ? r->set_name : NULL);
    }
    if (rc != 0) {
        db_rollback(db);
        return STATUS_FAILED;
    }
    return db_commit(db) == 0 ? STATUS_OK : STATUS_FAILED;
}
