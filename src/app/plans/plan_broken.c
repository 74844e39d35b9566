/* The broken rules of a plan in people's words, (plan_broken.h). */
#include "app/plans/plan_broken.h"

#include <stdlib.h>
#include <string.h>

static const char *who(const struct plan_problem *pb, int i)
{
    const struct cohort_person *p = &pb->cohort.people[i];
    return p->name && *p->name ? p->name : "someone without a name";
}

/* How many levels above person I person UP is in the management chain, 0 when not above. */
static int levels_above(const struct cohort *c, int i, int up)
{
    long at = c->people[i].manager;
    for (int level = 1; at >= 0 && level <= (int)c->count; level++) {
        if (at == up)
            return level;
        at = c->people[at].manager;
    }
    return 0;
}

static int add(json_t *out, struct strbuf *sb)
{
    int rc = sb->failed || !sb->data ? -1 : json_array_append_new(out, json_string(sb->data));
    sb_free(sb);
    return rc;
}

/* The sentence for a pair kept apart by the chain: the junior first, then their manager. */
static void chain_sentence(struct strbuf *sb, const struct plan_problem *pb, int a, int b,
                           const char *set)
{
    const struct cohort *c = &pb->cohort;
    int up = levels_above(c, a, b), down = levels_above(c, b, a);
    int junior = up || !down ? a : b, senior = junior == a ? b : a;
    int level = up ? up : down;
    if (level <= 1)
        sb_printf(sb, "%s and their line manager %s are both in %s.", who(pb, junior),
                  who(pb, senior), set);
    else
        sb_printf(sb, "%s and %s, %d levels above them in the management chain, are both in %s.",
                  who(pb, junior), who(pb, senior), level, set);
}

int plan_broken_rules(const struct plan_problem *pb, const int *group, const char *const *set_names,
                      json_t *out)
{
    const struct form_input *in = &pb->in;
    const char *const *names = set_names ? set_names : (const char *const *)in->set_names;
    int n = in->n, m = in->m, found = 0;
    int *size = calloc((size_t)m + 1, sizeof(int));
    if (!size)
        return -1;
    struct strbuf sb = {0};
    for (int i = 0; i < n; i++) {
        if (group[i] >= 0 && group[i] < m) {
            size[group[i]]++;
            continue;
        }
        sb_printf(&sb, "%s is in no set of this plan.", who(pb, i));
        if (add(out, &sb) != 0)
            goto fail;
        found++;
    }
    for (int g = 0; g < m; g++) {
        if (size[g] >= in->lo[g] && size[g] <= in->hi[g])
            continue;
        if (in->lo[g] == in->hi[g])
            sb_printf(&sb, "%s has %d members; its sets hold exactly %d.", names[g], size[g],
                      in->lo[g]);
        else
            sb_printf(&sb, "%s has %d members; sets hold %d to %d.", names[g], size[g], in->lo[g],
                      in->hi[g]);
        if (add(out, &sb) != 0)
            goto fail;
        found++;
    }
    for (int i = 0; in->pin && i < n; i++) {
        if (in->pin[i] < 0 || group[i] == in->pin[i])
            continue;
        sb_printf(&sb, "%s is pinned to %s but is in %s.", who(pb, i), names[in->pin[i]],
                  group[i] >= 0 ? names[group[i]] : "no set");
        if (add(out, &sb) != 0)
            goto fail;
        found++;
    }
    for (int t = 0; t < in->apart_count; t++) {
        int a = in->apart[t].a, b = in->apart[t].b;
        if (a == b || group[a] < 0 || group[a] != group[b])
            continue;
        if (t < pb->chain_pairs)
            chain_sentence(&sb, pb, a, b, names[group[a]]);
        else
            sb_printf(&sb, "%s and %s are to be kept apart but are both in %s.", who(pb, a),
                      who(pb, b), names[group[a]]);
        if (add(out, &sb) != 0)
            goto fail;
        found++;
    }
    for (int t = 0; t < in->together_count; t++) {
        int a = in->together[t].a, b = in->together[t].b;
        if (group[a] == group[b])
            continue;
        sb_printf(&sb, "%s and %s are to be kept together but are in %s and %s.", who(pb, a),
                  who(pb, b), group[a] >= 0 ? names[group[a]] : "no set",
                  group[b] >= 0 ? names[group[b]] : "no set");
        if (add(out, &sb) != 0)
            goto fail;
        found++;
    }
    free(size);
    return found;
fail:
    sb_free(&sb);
    free(size);
    return -1;
}
