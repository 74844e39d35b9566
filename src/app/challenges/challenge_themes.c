/* Finding, renaming, merging and splitting a programme's themes. */
#include "app/challenges/challenges.h"

#include "core/strbuf.h"
#include "core/utf8.h"
#include "engine/themes/themes.h"

#include <stdlib.h>
#include <string.h>

int challenge_save(struct db *db, long long programme_id, long long person_id, const char *title,
                   const char *body, enum challenge_visibility v, bool consent, long long *id,
                   char **err)
{
    *err = NULL;
    size_t tlen = title ? strlen(title) : 0, blen = body ? strlen(body) : 0;
    int member = store_is_member(db, programme_id, person_id);
    if (member < 0) {
        *err = str_printf("database error: %s", db_errmsg(db));
        return -1;
    }
    if (member == 0)
        *err = str_printf("only members of the programme can bring challenges to it");
    else if (tlen == 0 || tlen > CHALLENGE_MAX_TITLE)
        *err = str_printf("give the challenge a title of 1 to %d characters", CHALLENGE_MAX_TITLE);
    else if (blen > CHALLENGE_MAX_BODY)
        *err = str_printf("keep the description under %d characters", CHALLENGE_MAX_BODY);
    else if (!utf8_valid(title, tlen, NULL) || !utf8_valid(body ? body : "", blen, NULL))
        *err = str_printf("the text is not valid UTF-8");
    if (*err)
        return 1;
    int created;
    if (store_challenge_put(db, programme_id, person_id, title, body ? body : "", v, consent, id,
                            &created) != 0) {
        *err = str_printf("database error: %s", db_errmsg(db));
        return -1;
    }
    return 0;
}

char *challenge_text(const struct challenge *c)
{
    return str_printf("%s. %s", c->title, c->body);
}

/* The programme's cohort-visible challenges and their corpus, so that every operation weighs
 * words by the same document frequencies. */
struct cohort_corpus {
    struct challenge *list;
    size_t count;
    struct themes_corpus *corpus;
};

static void cohort_corpus_free(struct cohort_corpus *cc)
{
    challenges_free(cc->list, cc->count);
    themes_corpus_free(cc->corpus);
    memset(cc, 0, sizeof *cc);
}

static int cohort_corpus_load(struct db *db, long long programme_id, const char *language,
                              struct cohort_corpus *cc, char **err)
{
    memset(cc, 0, sizeof *cc);
    if (store_challenges_list(db, programme_id, 0, true, &cc->list, &cc->count) != 0) {
        *err = str_printf("cannot read challenges: %s", db_errmsg(db));
        return -1;
    }
    char **texts = calloc(cc->count ? cc->count : 1, sizeof *texts);
    int rc = texts ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < cc->count; i++) {
        /* privacy.h decides; the query already filtered, this keeps the rule in one place. */
        if (!privacy_enters_themes(cc->list[i].visibility))
            texts[i] = strdup("");
        else
            texts[i] = challenge_text(&cc->list[i]);
        if (!texts[i])
            rc = -1;
    }
    if (rc != 0)
        *err = str_printf("out of memory");
    else
        rc = themes_corpus_build((const char *const *)texts, cc->count, language, &cc->corpus, err);
    for (size_t i = 0; texts && i < cc->count; i++)
        free(texts[i]);
    free(texts);
    if (rc != 0)
        cohort_corpus_free(cc);
    return rc;
}

static long index_of(const struct cohort_corpus *cc, long long challenge_id)
{
    size_t lo = 0, hi = cc->count; /* the list is ordered by id */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cc->list[mid].id < challenge_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cc->count && cc->list[lo].id == challenge_id ? (long)lo : -1;
}

static double jaccard(const long long *a, size_t na, const long long *b, size_t nb)
{
    size_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            both++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    size_t any = na + nb - both;
    return any ? (double)both / (double)any : 0;
}

/* Blank copies of the texts of the pinned members, so that clustering leaves them where an admin
 * put them while every word keeps the document frequency of the whole cohort's corpus. */
static int corpus_without(const struct cohort_corpus *cc, const bool *pinned, const char *language,
                          struct themes_corpus **out, char **err)
{
    char **texts = calloc(cc->count ? cc->count : 1, sizeof *texts);
    int rc = texts ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < cc->count; i++) {
        texts[i] = pinned[i] || !privacy_enters_themes(cc->list[i].visibility)
                       ? strdup("")
                       : challenge_text(&cc->list[i]);
        if (!texts[i])
            rc = -1;
    }
    if (rc != 0)
        *err = str_printf("out of memory");
    else
        rc = themes_corpus_build((const char *const *)texts, cc->count, language, out, err);
    for (size_t i = 0; texts && i < cc->count; i++)
        free(texts[i]);
    free(texts);
    return rc;
}

/* A pinned theme's members found again: those still shared with the cohort (indices into the
 * corpus, ascending) and, later, challenges in no theme that are close to them. */
struct pinned_theme {
    const struct theme_row *row;
    size_t *idx;
    size_t n;
};

/* How close text I is to pinned theme P: its similarity to the closest member. Not the average:
 * an admin may have merged themes far apart, and a new challenge close to either part belongs. */
static double closeness(const struct cohort_corpus *cc, const struct pinned_theme *p, size_t i)
{
    double best = 0;
    for (size_t k = 0; k < p->n; k++) {
        double sim = themes_similarity(cc->corpus, i, p->idx[k]);
        if (sim > best)
            best = sim;
    }
    return best;
}

static void insert_sorted(size_t *a, size_t n, size_t x)
{
    size_t k = n;
    while (k > 0 && a[k - 1] > x) {
        a[k] = a[k - 1];
        k--;
    }
    a[k] = x;
}

/* Stores pinned theme P with its members now, its generated label following them. */
static int store_pinned(struct db *db, const struct cohort_corpus *cc, const struct pinned_theme *p)
{
    long long *ids = malloc((p->n ? p->n : 1) * sizeof *ids);
    char *label = themes_label(cc->corpus, p->idx, p->n, THEMES_LABEL_WORDS);
    int rc = ids && label ? 0 : -1;
    for (size_t k = 0; rc == 0 && k < p->n; k++)
        ids[k] = cc->list[p->idx[k]].id;
    if (rc == 0)
        rc = store_theme_members_set(db, p->row->id, ids, p->n);
    if (rc == 0)
        rc = store_theme_set_auto_label(db, p->row->id, label);
    if (rc == 0 && !p->row->renamed)
        rc = store_theme_set_label(db, p->row->id, label, false);
    free(ids);
    free(label);
    return rc;
}

int challenge_themes_discover(struct db *db, long long programme_id, const struct theme_settings *s,
                              json_t **summary, char **err)
{
    *err = NULL;
    struct cohort_corpus cc;
    if (cohort_corpus_load(db, programme_id, s->language, &cc, err) != 0)
        return -1;
    struct themes_options opt = {.threshold = s->threshold, .min_size = 2};
    struct themes_result r = {0};
    struct theme_row *old = NULL;
    size_t nold = 0, npinned = 0;
    long long *ids = NULL;
    bool *pinned = NULL;
    struct pinned_theme *pins = NULL;
    struct themes_corpus *rest = NULL;
    int status = -1;
    if (store_themes_list(db, programme_id, &old, &nold) != 0)
        goto db_error;
    pinned = calloc(cc.count + 1, sizeof *pinned);
    pins = calloc(nold + 1, sizeof *pins);
    if (!pinned || !pins)
        goto oom;
    /* An admin's merge or split stands: those themes keep their members (that are still shared
     * with the cohort) and the rest is clustered without them. */
    for (size_t o = 0; o < nold; o++) {
        if (!old[o].pinned)
            continue;
        struct pinned_theme *p = &pins[npinned++];
        p->row = &old[o];
        if (!(p->idx = malloc((old[o].count + cc.count + 1) * sizeof *p->idx)))
            goto oom;
        for (size_t k = 0; k < old[o].count; k++) {
            long x = index_of(&cc, old[o].challenges[k]);
            if (x >= 0 && !pinned[x]) {
                p->idx[p->n++] = (size_t)x;
                pinned[x] = true;
            }
        }
    }
    if (npinned > 0 && corpus_without(&cc, pinned, s->language, &rest, err) != 0)
        goto done;
    if (themes_cluster(rest ? rest : cc.corpus, &opt, &r) != 0)
        goto oom;
    /* A challenge left in no theme joins the pinned theme it is closest to, when it is as close
     * to one of its members as the threshold asks. */
    for (size_t i = 0; npinned > 0 && i < cc.count; i++) {
        if (pinned[i] || r.assignment[i] >= 0 || !privacy_enters_themes(cc.list[i].visibility))
            continue;
        size_t best = npinned;
        double best_sim = 0;
        for (size_t p = 0; p < npinned; p++) {
            double sim = closeness(&cc, &pins[p], i);
            if (pins[p].n > 0 && sim >= s->threshold && sim > best_sim)
                best = p, best_sim = sim;
        }
        if (best < npinned) {
            insert_sorted(pins[best].idx, pins[best].n++, i);
            pinned[i] = true;
        }
    }
    if (db_begin(db) != 0)
        goto db_error;
    if (store_themes_clear_unpinned(db, programme_id) != 0)
        goto rollback;
    for (size_t p = 0; p < npinned; p++) {
        /* A pinned theme whose challenges have all gone (made private, or their authors left)
         * goes too. */
        if (pins[p].n == 0 ? store_theme_delete(db, pins[p].row->id) != 0
                           : store_pinned(db, &cc, &pins[p]) != 0)
            goto rollback;
    }
    ids = malloc((cc.count ? cc.count : 1) * sizeof *ids);
    if (!ids)
        goto rollback;
    for (size_t t = 0; t < r.count; t++) {
        const struct theme_cluster *th = &r.themes[t];
        for (size_t k = 0; k < th->count; k++)
            ids[k] = cc.list[th->members[k]].id; /* ascending: members and ids both are */
        /* Labels over the whole corpus, like the pinned themes' and the admin's operations. */
        char *auto_label = themes_label(cc.corpus, th->members, th->count, THEMES_LABEL_WORDS);
        if (!auto_label)
            goto rollback;
        const char *label = auto_label;
        bool renamed = false;
        for (size_t o = 0; o < nold; o++) {
            if (!old[o].pinned && old[o].renamed &&
                jaccard(ids, th->count, old[o].challenges, old[o].count) >= 0.5) {
                label = old[o].label;
                renamed = true;
                break;
            }
        }
        long long id;
        int rc =
            store_theme_insert(db, programme_id, label, auto_label, renamed, ids, th->count, &id);
        free(auto_label);
        if (rc != 0)
            goto rollback;
    }
    if (db_commit(db) != 0)
        goto rollback;
    status = 0;
    if (summary && !(*summary = challenge_themes_json(db, programme_id, s, true)))
        goto db_error;
    goto done;
oom:
    *err = str_printf("out of memory");
    goto done;
rollback:
    if (!*err)
        *err = str_printf("cannot store themes: %s", db_errmsg(db));
    db_rollback(db);
    goto done;
db_error:
    status = -1;
    if (!*err)
        *err = str_printf("database error: %s", db_errmsg(db));
done:
    for (size_t p = 0; pins && p < npinned; p++)
        free(pins[p].idx);
    free(pins);
    free(pinned);
    free(ids);
    themes_corpus_free(rest);
    theme_rows_free(old, nold);
    themes_result_free(&r);
    cohort_corpus_free(&cc);
    return status;
}

int challenge_theme_rename(struct db *db, long long programme_id, long long id, const char *label,
                           char **err)
{
    *err = NULL;
    size_t len = label ? strlen(label) : 0;
    if (len == 0 || len > CHALLENGE_MAX_TITLE) {
        *err = str_printf("a theme's label takes 1 to %d bytes", CHALLENGE_MAX_TITLE);
        return 1;
    }
    struct theme_row t;
    int rc = store_theme_get(db, programme_id, id, &t);
    if (rc == 1)
        *err = str_printf("this programme has no theme %lld; see 'setwork challenges themes'", id);
    if (rc != 0)
        return rc;
    theme_row_clear(&t);
    return store_theme_set_label(db, id, label, true) == 0 ? 0 : -1;
}

static int cmp_id(const void *x, const void *y)
{
    long long a = *(const long long *)x, b = *(const long long *)y;
    return (a > b) - (a < b);
}

/* The generated label of the challenges IDS (ascending) over the programme's corpus. */
static char *label_of(const struct cohort_corpus *cc, const long long *ids, size_t n)
{
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        long x = index_of(cc, ids[i]);
        if (x >= 0)
            idx[k++] = (size_t)x;
    }
    char *label = themes_label(cc->corpus, idx, k, THEMES_LABEL_WORDS);
    free(idx);
    return label;
}

int challenge_theme_merge(struct db *db, long long programme_id, long long into, long long from,
                          const struct theme_settings *s, char **err)
{
    return challenge_theme_merge_many(db, programme_id, into, &from, 1, s, err);
}

int challenge_theme_merge_many(struct db *db, long long programme_id, long long into,
                               const long long *from, size_t nfrom, const struct theme_settings *s,
                               char **err)
{
    *err = NULL;
    if (nfrom == 0) {
        *err = str_printf("choose at least one other theme to merge");
        return 1;
    }
    for (size_t i = 0; i < nfrom; i++) {
        for (size_t j = 0; j < i; j++) {
            if (from[j] == from[i]) {
                *err = str_printf("theme %lld is chosen twice", from[i]);
                return 1;
            }
        }
        if (from[i] == into) {
            *err = str_printf("a theme cannot be merged into itself");
            return 1;
        }
    }
    struct theme_row a, b;
    int rc = store_theme_get(db, programme_id, into, &a);
    if (rc != 0) {
        if (rc == 1)
            *err = str_printf("this programme has no theme %lld", into);
        return rc;
    }
    /* Every theme is checked before anything is written, so a merge is whole or not at all. */
    size_t total = a.count;
    for (size_t i = 0; i < nfrom; i++) {
        rc = store_theme_get(db, programme_id, from[i], &b);
        if (rc != 0) {
            if (rc == 1)
                *err = str_printf("this programme has no theme %lld", from[i]);
            theme_row_clear(&a);
            return rc;
        }
        total += b.count;
        theme_row_clear(&b);
    }
    struct cohort_corpus cc = {0};
    long long *ids = malloc((total + 1) * sizeof *ids);
    char *label = NULL;
    int status = -1;
    bool begun = false;
    if (!ids || cohort_corpus_load(db, programme_id, s->language, &cc, err) != 0)
        goto done;
    size_t n = 0;
    for (size_t k = 0; k < a.count; k++)
        ids[n++] = a.challenges[k];
    if (db_begin(db) != 0)
        goto done;
    begun = true;
    for (size_t i = 0; i < nfrom; i++) {
        if (store_theme_get(db, programme_id, from[i], &b) != 0)
            goto done;
        for (size_t k = 0; k < b.count; k++)
            ids[n++] = b.challenges[k];
        theme_row_clear(&b);
        if (store_theme_move_members(db, from[i], into) != 0 ||
            store_theme_delete(db, from[i]) != 0)
            goto done;
    }
    qsort(ids, n, sizeof *ids, cmp_id);
    if (!(label = label_of(&cc, ids, n)))
        goto done;
    /* The generated label follows the members even when an admin's label is shown; the merged
     * theme is pinned, so that finding themes again does not pull it apart. */
    if (store_theme_set_label(db, into, a.renamed ? a.label : label, a.renamed) != 0 ||
        store_theme_set_auto_label(db, into, label) != 0 ||
        store_theme_set_pinned(db, into, true) != 0 || db_commit(db) != 0)
        goto done;
    status = 0;
done:
    if (status != 0 && begun)
        db_rollback(db);
    if (status != 0 && !*err)
        *err = str_printf("cannot merge themes: %s", db_errmsg(db));
    free(label);
    free(ids);
    cohort_corpus_free(&cc);
    theme_row_clear(&a);
    return status;
}

int challenge_theme_split(struct db *db, long long programme_id, long long id,
                          const struct theme_settings *s, long long *out_a, long long *out_b,
                          char **err)
{
    *err = NULL;
    struct theme_row t;
    int rc = store_theme_get(db, programme_id, id, &t);
    if (rc != 0) {
        if (rc == 1)
            *err = str_printf("this programme has no theme %lld", id);
        return rc;
    }
    if (t.count < 2) {
        *err = str_printf("theme %lld has fewer than two challenges to split", id);
        theme_row_clear(&t);
        return 1;
    }
    struct cohort_corpus cc = {0};
    size_t *idx = malloc(t.count * sizeof *idx);
    size_t *ga = NULL, *gb = NULL, na = 0, nb = 0, k = 0;
    long long *ida = NULL, *idb = NULL;
    char *la = NULL, *lb = NULL;
    int status = -1;
    if (!idx || cohort_corpus_load(db, programme_id, s->language, &cc, err) != 0)
        goto done;
    for (size_t i = 0; i < t.count; i++) {
        long x = index_of(&cc, t.challenges[i]);
        if (x >= 0)
            idx[k++] = (size_t)x;
    }
    rc = themes_split(cc.corpus, idx, k, &ga, &na, &gb, &nb);
    if (rc == 1) {
        *err = str_printf("theme %lld has fewer than two challenges to split", id);
        status = 1;
        goto done;
    }
    ida = malloc((na ? na : 1) * sizeof *ida);
    idb = malloc((nb ? nb : 1) * sizeof *idb);
    if (rc != 0 || !ida || !idb)
        goto done;
    for (size_t i = 0; i < na; i++)
        ida[i] = cc.list[ga[i]].id;
    for (size_t i = 0; i < nb; i++)
        idb[i] = cc.list[gb[i]].id;
    la = themes_label(cc.corpus, ga, na, THEMES_LABEL_WORDS);
    lb = themes_label(cc.corpus, gb, nb, THEMES_LABEL_WORDS);
    if (!la || !lb || db_begin(db) != 0)
        goto done;
    /* Both halves are pinned: finding themes again would otherwise join them up. */
    if (store_theme_delete(db, id) != 0 ||
        store_theme_insert(db, programme_id, la, la, false, ida, na, out_a) != 0 ||
        store_theme_insert(db, programme_id, lb, lb, false, idb, nb, out_b) != 0 ||
        store_theme_set_pinned(db, *out_a, true) != 0 ||
        store_theme_set_pinned(db, *out_b, true) != 0 || db_commit(db) != 0) {
        db_rollback(db);
        goto done;
    }
    status = 0;
done:
    if (status < 0 && !*err)
        *err = str_printf("cannot split the theme: %s", db_errmsg(db));
    free(la);
    free(lb);
    free(ida);
    free(idb);
    free(ga);
    free(gb);
    free(idx);
    cohort_corpus_free(&cc);
    theme_row_clear(&t);
    return status;
}

int challenge_theme_split_chosen(struct db *db, long long programme_id, long long id,
                                 const long long *chosen, size_t nchosen,
                                 const struct theme_settings *s, long long *out_new, char **err)
{
    *err = NULL;
    struct theme_row t;
    int rc = store_theme_get(db, programme_id, id, &t);
    if (rc != 0) {
        if (rc == 1)
            *err = str_printf("this programme has no theme %lld", id);
        return rc;
    }
    long long *moved = malloc((nchosen + 1) * sizeof *moved);
    long long *kept = malloc((t.count + 1) * sizeof *kept);
    size_t nmoved = 0, nkept = 0;
    struct cohort_corpus cc = {0};
    char *la = NULL, *lb = NULL;
    int status = -1;
    if (!moved || !kept) {
        *err = str_printf("out of memory");
        goto done;
    }
    for (size_t i = 0; i < t.count; i++) {
        bool in = false;
        for (size_t k = 0; k < nchosen; k++)
            in = in || chosen[k] == t.challenges[i];
        if (in)
            moved[nmoved++] = t.challenges[i];
        else
            kept[nkept++] = t.challenges[i];
    }
    status = 1;
    if (nmoved < nchosen)
        *err = str_printf("a challenge chosen is not in this theme (the themes may have been "
                          "found again since the page was shown)");
    else if (nmoved == 0)
        *err = str_printf("choose the challenges that go to the new theme");
    else if (nkept == 0)
        *err = str_printf("leave at least one challenge in the theme");
    if (*err)
        goto done;
    status = -1;
    if (cohort_corpus_load(db, programme_id, s->language, &cc, err) != 0)
        goto done;
    if (!(la = label_of(&cc, kept, nkept)) || !(lb = label_of(&cc, moved, nmoved)))
        goto done;
    if (db_begin(db) != 0)
        goto done;
    /* The theme keeps its id and an admin's label; both halves are pinned. */
    if (store_theme_insert(db, programme_id, lb, lb, false, NULL, 0, out_new) != 0 ||
        store_theme_move_challenges(db, *out_new, moved, nmoved) != 0 ||
        store_theme_set_auto_label(db, id, la) != 0 ||
        store_theme_set_label(db, id, t.renamed ? t.label : la, t.renamed) != 0 ||
        store_theme_set_pinned(db, id, true) != 0 ||
        store_theme_set_pinned(db, *out_new, true) != 0 || db_commit(db) != 0) {
        db_rollback(db);
        goto done;
    }
    status = 0;
done:
    if (status < 0 && !*err)
        *err = str_printf("cannot split the theme: %s", db_errmsg(db));
    free(la);
    free(lb);
    free(moved);
    free(kept);
    cohort_corpus_free(&cc);
    theme_row_clear(&t);
    return status;
}
