/* Unit tests for shared challenges through the store: who sees what for every visibility and
 * viewer, themes of fewer than K people never shown, excerpts only with consent, no names in the
 * admin view or the report, admin rename/merge/split, and the connectedness threshold. */
#include "test_support.h"

#include <math.h>

#include "app/challenges/challenges.h"
#include "app/report/report.h"
#include "app/surveys/survey.h"
#include "core/strbuf.h"
#include "store/store_people.h"
#include "store/store_programmes.h"
#include "store/store_surveys.h"

struct fixture {
    struct db *db;
    long long prog;
    long long p[13]; /* p[1]..p[12] */
    struct theme_settings s;
};

static const char *workload[] = {
    "My workload is overwhelming and I work late to keep up with the workload.",
    "Managing my time when the workload piles up every week.",
    "An unmanageable workload and long hours; how to prioritise my time?",
    "Exhausted by a workload that never shrinks; managing time better.",
};

static long long put(struct fixture *f, int who, const char *title, const char *body,
                     enum challenge_visibility v, bool consent)
{
    long long id;
    int created;
    assert_int_equal(
        store_challenge_put(f->db, f->prog, f->p[who], title, body, v, consent, &id, &created), 0);
    return id;
}

static void exec(struct db *db, const char *sql)
{
    assert_int_equal(sqlite3_exec(db_sqlite(db), sql, NULL, NULL, NULL), SQLITE_OK);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    const char *dir = test_tmpdir();
    char *path = str_printf("%s/t.db", dir);
    char *err = NULL;
    assert_int_equal(db_open(path, &f->db, &err), 0);
    free(path);
    assert_int_equal(store_programme_ensure(f->db, "P", &f->prog), 0);
    for (int i = 1; i <= 12; i++) {
        char email[32], name[32];
        snprintf(email, sizeof email, "p%d@x.org", i);
        snprintf(name, sizeof name, "Person Number%d", i);
        int added;
        assert_int_equal(store_person_insert(f->db, email, name, NULL, &f->p[i]), 0);
        assert_int_equal(store_member_add(f->db, f->prog, f->p[i], &added), 0);
    }
    /* A published plan: set A = p1, p2, p3; set B = p4, p5. An older draft plan puts p1 with
     * p4, which must not count. */
    exec(f->db, "INSERT INTO set_plans(id, programme_id, name, status, published_at) "
                "VALUES (1, 1, 'plan', 'published', '2026-01-01'), (2, 1, 'draft', 'draft', NULL);"
                "INSERT INTO sets(id, plan_id, name, position) VALUES (1, 1, 'A', 1), "
                "(2, 1, 'B', 2), (3, 2, 'X', 1);"
                "INSERT INTO set_members VALUES (1, 1), (1, 2), (1, 3), (2, 4), (2, 5), (3, 1), "
                "(3, 4);");
    put(f, 1, "Workload", workload[0], CHALLENGE_COHORT, true);
    put(f, 2, "Time", workload[1], CHALLENGE_COHORT, false);
    put(f, 6, "Hours", workload[2], CHALLENGE_COHORT, true);
    put(f, 7, "Exhausted", workload[3], CHALLENGE_COHORT, true);
    put(f, 3, "Private", "SECRETONE my workload and my time, managing workload", CHALLENGE_ONLY_ME,
        true);
    put(f, 2, "For my set", "SETTWO budget cuts to services", CHALLENGE_SET, true);
    put(f, 8, "Budget", "Budget cuts mean we must cut services from the budget.", CHALLENGE_COHORT,
        true);
    put(f, 9, "Funding", "Funding cuts: the budget no longer covers our services.",
        CHALLENGE_COHORT, true);
    put(f, 4, "Conflict", "A difficult conversation with a colleague about conflict.",
        CHALLENGE_COHORT, true);
    assert_int_equal(store_theme_settings(f->db, f->prog, &f->s), 0);
    assert_int_equal(f->s.min_people, 3);
    assert_int_equal(f->s.min_paired, 5);
    assert_int_equal(challenge_themes_discover(f->db, f->prog, &f->s, NULL, &err), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    free(f);
    return 0;
}

static char *dump(const json_t *j)
{
    return json_dumps(j, JSON_COMPACT);
}

static json_t *view(struct fixture *f, int who)
{
    char *err = NULL;
    json_t *v = challenge_view_json(f->db, f->prog, f->p[who], &f->s, &err);
    assert_non_null(v);
    return v;
}

static void participant_sees_others_count_and_consented_excerpts(void **state)
{
    struct fixture *f = *state;
    json_t *v = view(f, 1);
    json_t *own = json_object_get(v, "own");
    assert_int_equal(json_array_size(own), 1);
    json_t *theme = json_object_get(json_array_get(own, 0), "theme");
    assert_non_null(theme);
    assert_int_equal(json_integer_value(json_object_get(theme, "others")), 3);
    char *s = dump(theme);
    assert_non_null(strstr(s, "unmanageable workload"));  /* p6 consented */
    assert_non_null(strstr(s, "never shrinks"));          /* p7 consented */
    assert_null(strstr(s, "when the workload piles up")); /* p2 did not */
    assert_null(strstr(s, "overwhelming"));               /* the viewer's own */
    assert_null(strstr(s, "SECRETONE"));                  /* only-me never enters themes */
    assert_null(strstr(s, "Person"));
    free(s);
    json_decref(v);
}

static void set_mates_see_set_and_cohort_challenges_but_not_private_ones(void **state)
{
    struct fixture *f = *state;
    json_t *v = view(f, 1);
    char *s = dump(json_object_get(v, "set"));
    assert_non_null(strstr(s, "SETTWO"));         /* p2's set challenge */
    assert_non_null(strstr(s, "piles up"));       /* p2's cohort challenge, in full */
    assert_non_null(strstr(s, "Person Number2")); /* named, to the set */
    assert_null(strstr(s, "SECRETONE"));          /* p3's only-me */
    free(s);
    json_decref(v);
    /* p4 is in set B with p5 (and with p1 only in a draft plan): sees nothing of set A. */
    v = view(f, 4);
    assert_int_equal(json_array_size(json_object_get(v, "set")), 0);
    json_decref(v);
    /* p3 sees their own private challenge. */
    v = view(f, 3);
    s = dump(json_object_get(v, "own"));
    assert_non_null(strstr(s, "SECRETONE"));
    free(s);
    json_decref(v);
    /* Somebody outside the programme gets nothing. */
    long long outsider;
    char *err = NULL;
    assert_int_equal(store_person_insert(f->db, "out@x.org", "Out Sider", NULL, &outsider), 0);
    assert_null(challenge_view_json(f->db, f->prog, outsider, &f->s, &err));
    assert_non_null(strstr(err, "not a member"));
    free(err);
}

/* A challenge shared with the set is seen by the writer and the set's members now (issue 13):
 * p2 moves from set A to set B on 1 Feb 2026; p3's move to B takes effect only in 2099. */
static void set_challenges_follow_membership_now(void **state)
{
    struct fixture *f = *state;
    exec(f->db, "UPDATE set_members SET set_id = 2 WHERE person_id IN (2, 3) AND set_id = 1;"
                "INSERT INTO set_membership(set_id, person_id, joined_at, left_at) VALUES"
                " (1, 1, '0000-01-01T00:00:00Z', NULL),"
                " (1, 2, '0000-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),"
                " (2, 2, '2026-02-01T00:00:00Z', NULL),"
                " (1, 3, '0000-01-01T00:00:00Z', '2099-01-01T00:00:00Z'),"
                " (2, 3, '2099-01-01T00:00:00Z', NULL),"
                " (2, 4, '0000-01-01T00:00:00Z', NULL), (2, 5, '0000-01-01T00:00:00Z', NULL);");
    /* p1 stays in A: p2 has left, so p2's set challenge is no longer p1's to see. */
    json_t *v = view(f, 1);
    char *s = dump(json_object_get(v, "set"));
    assert_null(strstr(s, "SETTWO"));
    free(s);
    json_decref(v);
    /* p4 is in B with p2 now. */
    v = view(f, 4);
    s = dump(json_object_get(v, "set"));
    assert_non_null(strstr(s, "SETTWO"));
    free(s);
    json_decref(v);
    /* The writer always sees it. */
    v = view(f, 2);
    s = dump(json_object_get(v, "own"));
    assert_non_null(strstr(s, "SETTWO"));
    free(s);
    json_decref(v);
    /* p3 is in B in the plan but stays in A until 2099: not yet p2's set-mate. */
    v = view(f, 3);
    s = dump(json_object_get(v, "set"));
    assert_null(strstr(s, "SETTWO"));
    assert_non_null(strstr(s, "Person Number1")); /* p1's cohort challenge, named to A */
    free(s);
    json_decref(v);
}

static void a_theme_of_two_is_never_shown_anywhere(void **state)
{
    struct fixture *f = *state;
    /* p8 and p9 form a budget theme of two people. */
    json_t *v = view(f, 8);
    json_t *own = json_array_get(json_object_get(v, "own"), 0);
    assert_true(json_integer_value(json_object_get(own, "id")) > 0);
    assert_null(json_object_get(own, "theme"));
    json_decref(v);
    json_t *admin = challenge_themes_json(f->db, f->prog, &f->s, true);
    size_t i, shown = 0, two = 0;
    json_t *t;
    json_array_foreach(admin, i, t)
    {
        if (json_integer_value(json_object_get(t, "people")) == 2) {
            two++;
            assert_false(json_is_true(json_object_get(t, "shown")));
            assert_null(json_object_get(t, "excerpts"));
        }
        shown += json_is_true(json_object_get(t, "shown"));
    }
    assert_int_equal(two, 1);
    assert_int_equal(shown, 1);
    char *s = dump(admin);
    assert_null(strstr(s, "Person"));
    assert_null(strstr(s, "@x.org"));
    assert_null(strstr(s, "Funding cuts")); /* excerpts of the hidden theme */
    free(s);
    json_decref(admin);
    /* Anyone but an admin does not even get the words of the hidden theme. */
    admin = challenge_themes_json(f->db, f->prog, &f->s, false);
    s = dump(admin);
    assert_null(strstr(s, "budget"));
    assert_non_null(strstr(s, "workload"));
    free(s);
    json_decref(admin);
    char *err = NULL;
    json_t *r = report_impact_json(f->db, f->prog, "P", &f->s, &err);
    assert_non_null(r);
    s = dump(r);
    assert_null(strstr(s, "Person"));
    assert_null(strstr(s, "@x.org"));
    assert_null(strstr(s, "Funding cuts"));
    assert_null(strstr(s, "piles up")); /* p2 did not consent: no quote */
    assert_null(strstr(s, "SECRETONE"));
    assert_null(strstr(s, "SETTWO"));
    assert_non_null(strstr(s, "never shrinks"));
    free(s);
    json_t *th = json_object_get(r, "themes");
    assert_int_equal(json_array_size(json_object_get(th, "shown")), 1);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(th, "not_shown"), "themes")), 1);
    json_decref(r);
    /* With K = 5 the workload theme of 4 people disappears too. */
    struct theme_settings k5 = f->s;
    k5.min_people = 5;
    v = challenge_view_json(f->db, f->prog, f->p[1], &k5, &err);
    assert_null(json_object_get(json_array_get(json_object_get(v, "own"), 0), "theme"));
    json_decref(v);
}

static void formation_gets_themes_of_shared_challenges_only(void **state)
{
    struct fixture *f = *state;
    long long *people, *themes;
    size_t n;
    assert_int_equal(store_person_themes(f->db, f->prog, &people, &themes, &n), 0);
    /* p1, p2, p6, p7 (workload) and p8, p9 (budget); p3's private challenge is in no theme. */
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++)
        assert_true(people[i] != f->p[3] && people[i] != f->p[4]);
    assert_int_equal(themes[0], themes[1]); /* p1 and p2 share the workload theme */
    assert_true(themes[0] != themes[5]);
    free(people);
    free(themes);
}

static void saving_checks_membership_and_limits(void **state)
{
    struct fixture *f = *state;
    long long id, outsider;
    char *err = NULL;
    assert_int_equal(
        challenge_save(f->db, f->prog, f->p[5], "Mine", "text", CHALLENGE_SET, false, &id, &err),
        0);
    assert_int_equal(
        challenge_save(f->db, f->prog, f->p[5], "", "text", CHALLENGE_SET, false, &id, &err), 1);
    assert_non_null(strstr(err, "title"));
    free(err);
    char *long_body = calloc(CHALLENGE_MAX_BODY + 2, 1);
    memset(long_body, 'a', CHALLENGE_MAX_BODY + 1);
    assert_int_equal(
        challenge_save(f->db, f->prog, f->p[5], "Long", long_body, CHALLENGE_SET, false, &id, &err),
        1);
    free(err);
    free(long_body);
    assert_int_equal(
        challenge_save(f->db, f->prog, f->p[5], "Bad \xff", "", CHALLENGE_SET, false, &id, &err),
        1);
    assert_non_null(strstr(err, "UTF-8"));
    free(err);
    assert_int_equal(store_person_insert(f->db, "o@x.org", "O", NULL, &outsider), 0);
    assert_int_equal(
        challenge_save(f->db, f->prog, outsider, "T", "b", CHALLENGE_COHORT, true, &id, &err), 1);
    assert_non_null(strstr(err, "only members"));
    free(err);
}

static void people_who_leave_take_their_challenges_with_them(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(store_member_remove(f->db, f->prog, f->p[6]), 0);
    assert_int_equal(store_member_remove(f->db, f->prog, f->p[7]), 0);
    json_t *v = view(f, 1);
    json_t *own = json_array_get(json_object_get(v, "own"), 0);
    /* p1 and p2 are left in the workload theme: two people, so it is no longer shown. */
    assert_null(json_object_get(own, "theme"));
    json_decref(v);
}

static void a_challenge_made_private_leaves_its_theme_at_once(void **state)
{
    struct fixture *f = *state;
    put(f, 6, "Hours", workload[2], CHALLENGE_ONLY_ME, true);
    json_t *v = view(f, 1);
    json_t *theme = json_object_get(json_array_get(json_object_get(v, "own"), 0), "theme");
    assert_int_equal(json_integer_value(json_object_get(theme, "others")), 2);
    char *s = dump(theme);
    assert_null(strstr(s, "unmanageable"));
    free(s);
    json_decref(v);
}

static long long theme_with(struct fixture *f, const char *word)
{
    json_t *admin = challenge_themes_json(f->db, f->prog, &f->s, true);
    size_t i;
    json_t *t;
    long long id = 0;
    json_array_foreach(admin, i, t)
    {
        if (strstr(json_string_value(json_object_get(t, "auto_label")), word))
            id = json_integer_value(json_object_get(t, "id"));
    }
    json_decref(admin);
    return id;
}

static void admin_renames_merges_and_splits(void **state)
{
    struct fixture *f = *state;
    char *err = NULL;
    long long w = theme_with(f, "workload"), b = theme_with(f, "budget");
    assert_true(w > 0 && b > 0 && w != b);
    assert_int_equal(challenge_theme_rename(f->db, f->prog, w, "Too much to do", &err), 0);
    assert_int_equal(challenge_theme_rename(f->db, f->prog, 9999, "x", &err), 1);
    free(err);
    /* Finding themes again keeps the admin's label. */
    assert_int_equal(challenge_themes_discover(f->db, f->prog, &f->s, NULL, &err), 0);
    w = theme_with(f, "workload");
    struct theme_row row;
    assert_int_equal(store_theme_get(f->db, f->prog, w, &row), 0);
    assert_string_equal(row.label, "Too much to do");
    assert_true(row.renamed);
    theme_row_clear(&row);
    b = theme_with(f, "budget");
    assert_int_equal(challenge_theme_merge(f->db, f->prog, w, b, &f->s, &err), 0);
    assert_int_equal(store_theme_get(f->db, f->prog, b, &row), 1);
    assert_int_equal(store_theme_get(f->db, f->prog, w, &row), 0);
    assert_int_equal(row.count, 6);
    assert_string_equal(row.label, "Too much to do");
    theme_row_clear(&row);
    assert_int_equal(challenge_theme_merge(f->db, f->prog, w, w, &f->s, &err), 1);
    free(err);
    long long x, y;
    assert_int_equal(challenge_theme_split(f->db, f->prog, w, &f->s, &x, &y, &err), 0);
    struct theme_row rx, ry;
    assert_int_equal(store_theme_get(f->db, f->prog, x, &rx), 0);
    assert_int_equal(store_theme_get(f->db, f->prog, y, &ry), 0);
    assert_int_equal(rx.count, 4); /* the workload challenges */
    assert_int_equal(ry.count, 2); /* the budget ones */
    assert_non_null(strstr(rx.label, "workload"));
    assert_non_null(strstr(ry.label, "budget"));
    theme_row_clear(&rx);
    theme_row_clear(&ry);
}

/* The theme challenge CID is in, 0 for none. */
static long long theme_of(struct fixture *f, long long cid)
{
    struct challenge *list;
    size_t n;
    long long theme = 0;
    assert_int_equal(store_challenges_list(f->db, f->prog, 0, false, &list, &n), 0);
    for (size_t i = 0; i < n; i++)
        if (list[i].id == cid)
            theme = list[i].theme_id;
    challenges_free(list, n);
    return theme;
}

/* Issue 16: the web's merge of several themes is whole or nothing, and a merge or split stands
 * when themes are found again (as the server's background refresh does after a change). */
static void merges_and_splits_survive_finding_themes_again(void **state)
{
    struct fixture *f = *state;
    char *err = NULL;
    long long w = theme_with(f, "workload"), b = theme_with(f, "budget");
    long long from[] = {b, 9999};
    assert_int_equal(challenge_theme_merge_many(f->db, f->prog, w, from, 2, &f->s, &err), 1);
    assert_non_null(strstr(err, "9999"));
    free(err);
    struct theme_row row;
    assert_int_equal(store_theme_get(f->db, f->prog, b, &row), 0); /* nothing merged */
    theme_row_clear(&row);
    long long twice[] = {b, b};
    assert_int_equal(challenge_theme_merge_many(f->db, f->prog, w, twice, 2, &f->s, &err), 1);
    free(err);
    assert_int_equal(challenge_theme_merge_many(f->db, f->prog, w, from, 1, &f->s, &err), 0);
    assert_int_equal(store_theme_get(f->db, f->prog, w, &row), 0);
    assert_true(row.pinned);
    assert_int_equal(row.count, 6);
    long long budget = 0, work = 0;
    for (size_t i = 0; i < row.count; i++) {
        struct challenge *one;
        size_t n;
        assert_int_equal(store_challenges_list(f->db, f->prog, 0, true, &one, &n), 0);
        for (size_t k = 0; k < n; k++) {
            if (one[k].id == row.challenges[i] && strstr(one[k].body, "udget"))
                budget = one[k].id;
            if (one[k].id == row.challenges[i] && strstr(one[k].body, "orkload"))
                work = one[k].id;
        }
        challenges_free(one, n);
    }
    theme_row_clear(&row);
    assert_true(budget > 0 && work > 0);
    /* A new budget challenge: found again, the merge stands and the newcomer joins it. */
    long long fresh = put(f, 10, "Savings", "Budget cuts again: which services do we keep?",
                          CHALLENGE_COHORT, true);
    assert_int_equal(challenge_themes_discover(f->db, f->prog, &f->s, NULL, &err), 0);
    assert_int_equal(theme_of(f, budget), w);
    assert_int_equal(theme_of(f, work), w);
    assert_int_equal(theme_of(f, fresh), w);
    /* A split by choice: the chosen challenge leaves, the rest stays; the theme is never
     * emptied and a challenge of another theme is refused. */
    long long none[] = {0};
    long long nobody = 0;
    assert_int_equal(challenge_theme_split_chosen(f->db, f->prog, w, none, 0, &f->s, &nobody, &err),
                     1);
    free(err);
    long long stranger[] = {put(f, 11, "Alone", "Gardening and tomatoes.", CHALLENGE_COHORT, true)};
    assert_int_equal(
        challenge_theme_split_chosen(f->db, f->prog, w, stranger, 1, &f->s, &nobody, &err), 1);
    free(err);
    long long moved[] = {budget, fresh};
    long long split;
    assert_int_equal(challenge_theme_split_chosen(f->db, f->prog, w, moved, 2, &f->s, &split, &err),
                     0);
    assert_int_equal(theme_of(f, budget), split);
    assert_int_equal(theme_of(f, fresh), split);
    assert_int_equal(theme_of(f, work), w);
    assert_int_equal(challenge_themes_discover(f->db, f->prog, &f->s, NULL, &err), 0);
    assert_int_equal(theme_of(f, budget), split);
    assert_int_equal(theme_of(f, work), w);
    /* The admin view of a theme's members: ids, and excerpts only from consenting authors. */
    json_t *members = challenge_theme_members_json(f->db, f->prog, w, &f->s);
    char *text = dump(members);
    assert_null(strstr(text, "Managing my time")); /* p2 did not consent */
    assert_null(strstr(text, "Person"));
    assert_non_null(strstr(text, "\"excerpt\""));
    free(text);
    json_decref(members);
    /* A pinned theme whose challenges are no longer shared with the cohort is gone when themes are
     * found again. */
    put(f, 1, "Workload", workload[0], CHALLENGE_ONLY_ME, true);
    put(f, 2, "Time", workload[1], CHALLENGE_ONLY_ME, false);
    put(f, 6, "Hours", workload[2], CHALLENGE_ONLY_ME, true);
    put(f, 7, "Exhausted", workload[3], CHALLENGE_ONLY_ME, true);
    put(f, 8, "Budget", "Budget cuts mean we must cut services from the budget.", CHALLENGE_SET,
        true);
    put(f, 9, "Funding", "Funding cuts: the budget no longer covers our services.", CHALLENGE_SET,
        true);
    assert_int_equal(challenge_themes_discover(f->db, f->prog, &f->s, NULL, &err), 0);
    assert_int_equal(store_theme_get(f->db, f->prog, w, &row), 1);
}

static void answer(struct fixture *f, long long wave, const long long *items, int who, const int *v)
{
    for (int i = 0; i < 7; i++)
        assert_int_equal(store_answer_put(f->db, wave, f->p[who], items[i], v[i]), 0);
}

static void connectedness_change_needs_m_pairs(void **state)
{
    struct fixture *f = *state;
    long long ins, start, end, *items = NULL;
    struct instrument in;
    assert_int_equal(store_instrument_id(f->db, SURVEY_DEFAULT_INSTRUMENT, &ins), 0);
    assert_int_equal(store_instrument_load(f->db, ins, &in, &items), 0);
    assert_int_equal(in.nitems, 7);
    assert_int_equal(in.nscales, 2);
    assert_true(in.items[6].reversed);
    assert_non_null(strstr(in.source, "Hughes"));
    assert_int_equal(store_wave_ensure(f->db, f->prog, "start", ins, &start), 0);
    assert_int_equal(store_wave_ensure(f->db, f->prog, "end", ins, &end), 0);
    /* Loneliness sums at start 9, 8, 7, 6, (5); at end 7, 7, 5, 5, (4): changes -2 -1 -2 -1 -1. */
    int s1[][7] = {{3, 3, 3, 1, 1, 1, 3},
                   {3, 3, 2, 1, 1, 1, 3},
                   {3, 2, 2, 1, 1, 1, 3},
                   {2, 2, 2, 1, 1, 1, 3},
                   {2, 2, 1, 1, 1, 1, 3}};
    int e1[][7] = {{3, 2, 2, 2, 2, 2, 1},
                   {3, 2, 2, 2, 2, 2, 1},
                   {2, 2, 1, 2, 2, 2, 1},
                   {2, 2, 1, 2, 2, 2, 1},
                   {2, 1, 1, 2, 2, 2, 1}};
    for (int i = 0; i < 4; i++) {
        answer(f, start, items, i + 1, s1[i]);
        answer(f, end, items, i + 1, e1[i]);
    }
    /* Someone who answered only the start does not count. */
    answer(f, start, items, 10, s1[0]);
    json_t *c = report_connectedness_json(f->db, f->prog, f->s.min_paired);
    json_t *lonely = json_array_get(json_object_get(c, "scales"), 0);
    assert_int_equal(json_integer_value(json_object_get(lonely, "paired")), 4);
    assert_false(json_is_true(json_object_get(lonely, "shown")));
    assert_null(json_object_get(lonely, "mean_change"));
    json_decref(c);
    answer(f, start, items, 5, s1[4]);
    answer(f, end, items, 5, e1[4]);
    c = report_connectedness_json(f->db, f->prog, f->s.min_paired);
    lonely = json_array_get(json_object_get(c, "scales"), 0);
    assert_true(json_is_true(json_object_get(lonely, "shown")));
    /* By hand: changes -2, -1, -2, -1, -1: mean -1.4, SD sqrt(1.2 / 4) = 0.547723, d_z
     * -2.556039. Connected at work: every item 1 -> 2 and the reversed 3 -> 1 (scored 1 -> 3):
     * 4 -> 9 for all five, so the change is 5 with SD 0 and no d_z. */
    assert_true(fabs(json_real_value(json_object_get(lonely, "mean_change")) + 1.4) < 1e-9);
    assert_true(fabs(json_real_value(json_object_get(lonely, "d_z")) + 2.556039) < 1e-5);
    json_t *work = json_array_get(json_object_get(c, "scales"), 1);
    assert_true(fabs(json_real_value(json_object_get(work, "mean_change")) - 5) < 1e-9);
    assert_true(json_is_null(json_object_get(work, "d_z")));
    /* Trend: every wave's means, shown at M people. */
    json_t *waves = json_object_get(c, "waves");
    assert_int_equal(json_array_size(waves), 2);
    json_t *w0 = json_array_get(json_object_get(json_array_get(waves, 0), "scales"), 0);
    assert_int_equal(json_integer_value(json_object_get(w0, "complete")), 6);
    assert_true(fabs(json_real_value(json_object_get(w0, "mean")) - 44.0 / 6) < 1e-9);
    json_decref(c);
    /* A submission from the web: checked, then stored in one go. */
    int good[7] = {1, 1, 1, 3, 3, 3, 1}, bad[7] = {1, 1, 4, 3, 3, 3, 1};
    char *err = NULL;
    assert_int_equal(survey_submit(f->db, f->prog, f->p[11], "meeting-1", ins, bad, 7, &err), 1);
    assert_non_null(strstr(err, "answer 3 must be from 1 to 3"));
    free(err);
    assert_int_equal(survey_submit(f->db, f->prog, f->p[11], "after", ins, good, 7, &err), 1);
    free(err);
    assert_int_equal(survey_submit(f->db, f->prog, f->p[11], "meeting-1", ins, good, 7, &err), 0);
    c = report_connectedness_json(f->db, f->prog, 1);
    waves = json_object_get(c, "waves");
    assert_int_equal(json_array_size(waves), 3);
    w0 = json_array_get(json_object_get(json_array_get(waves, 2), "scales"), 0);
    /* One person's mean is that person's answer: never shown, even with the setting at 1. */
    assert_int_equal(json_integer_value(json_object_get(w0, "complete")), 1);
    assert_null(json_object_get(w0, "mean"));
    json_decref(c);
    /* A person sees their own answers, and only those. */
    struct store_survey_answer *mine;
    size_t mine_count;
    assert_int_equal(store_survey_person_answers(f->db, f->prog, f->p[10], &mine, &mine_count), 0);
    assert_int_equal(mine_count, 7);
    store_survey_answers_free(mine, mine_count);
    instrument_free(&in);
    free(items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(participant_sees_others_count_and_consented_excerpts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            set_mates_see_set_and_cohort_challenges_but_not_private_ones, setup, teardown),
        cmocka_unit_test_setup_teardown(set_challenges_follow_membership_now, setup, teardown),
        cmocka_unit_test_setup_teardown(a_theme_of_two_is_never_shown_anywhere, setup, teardown),
        cmocka_unit_test_setup_teardown(formation_gets_themes_of_shared_challenges_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(saving_checks_membership_and_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(people_who_leave_take_their_challenges_with_them, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_challenge_made_private_leaves_its_theme_at_once, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(admin_renames_merges_and_splits, setup, teardown),
        cmocka_unit_test_setup_teardown(merges_and_splits_survive_finding_themes_again, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(connectedness_change_needs_m_pairs, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
