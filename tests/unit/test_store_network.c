/* Network surveys in the store: waves in order with response counts, answers replaced per
 * respondent, consent, "already know each other" pairs, and loading for the engine. */
#include "test_support.h"

#include "core/strbuf.h"
#include "store/store_network.h"
#include "store/store_network_load.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <math.h>

struct fixture {
    struct db *db;
    char *path;
    long long programme;
    long long person[5]; /* ada, bob, cy, di, ed */
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    const char *dir = test_tmpdir();
    f->path = malloc(strlen(dir) + 16);
    snprintf(f->path, strlen(dir) + 16, "%s/n.db", dir);
    char *err = NULL;
    if (db_open(f->path, &f->db, &err) != 0)
        return -1;
    store_programme_ensure(f->db, "Net", &f->programme);
    const char *emails[] = {"ada@x.org", "bob@x.org", "cy@x.org", "di@x.org", "ed@x.org"};
    const char *depts[] = {"Finance", "Finance", "Housing", "", "Housing"};
    for (int i = 0; i < 5; i++) {
        int added = 0;
        if (store_person_insert(f->db, emails[i], emails[i], i < 3 ? "Council" : "Health",
                                &f->person[i]) != 0 ||
            store_person_set_attr(f->db, f->person[i], "department", depts[i]) != 0 ||
            store_member_add(f->db, f->programme, f->person[i], &added) != 0)
            return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    unlink(f->path);
    free(f->path);
    free(f);
    return 0;
}

static void test_waves_and_answers(void **state)
{
    struct fixture *f = *state;
    long long w1, w2, again, knows;
    int created;
    assert_int_equal(store_network_wave_ensure(f->db, f->programme, "baseline", &w1, &created), 0);
    assert_int_equal(created, 1);
    assert_int_equal(store_network_wave_ensure(f->db, f->programme, "final", &w2, &created), 0);
    assert_int_equal(store_network_wave_ensure(f->db, f->programme, "BASELINE", &again, &created),
                     0);
    assert_int_equal(created, 0);
    assert_true(again == w1);
    assert_int_equal(store_network_relation_ensure(f->db, f->programme, "knows", &knows), 0);
    long long *p = f->person;
    assert_int_equal(store_network_tie_put(f->db, w1, knows, p[0], p[1], 3, "csv"), 0);
    assert_int_equal(store_network_tie_put(f->db, w1, knows, p[0], p[2], NAN, "csv"), 0);
    assert_int_equal(store_network_response_record(f->db, w1, p[0], "csv"), 0);
    assert_int_equal(store_network_response_record(f->db, w1, p[0], "web"), 0);
    /* A new answer from ada replaces her old one; bob's stays. */
    assert_int_equal(store_network_tie_put(f->db, w1, knows, p[1], p[0], NAN, "web"), 0);
    long removed = 0;
    assert_int_equal(store_network_answers_clear(f->db, w1, knows, p[0], &removed), 0);
    assert_int_equal(removed, 2);
    assert_int_equal(store_network_tie_put(f->db, w1, knows, p[0], p[3], NAN, "web"), 0);
    struct network_wave_row *rows;
    size_t n;
    assert_int_equal(store_network_waves(f->db, f->programme, &rows, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].name, "baseline");
    assert_string_equal(rows[1].name, "final");
    assert_int_equal(rows[0].ties, 2);
    assert_int_equal(rows[0].respondents, 1);
    assert_int_equal(rows[0].members, 5);
    network_wave_rows_free(rows, n);

    /* Loading: indices follow the cohort (by email), departments numbered by name. */
    struct network_data d;
    char *err = NULL;
    assert_int_equal(store_network_load(f->db, f->programme, w1, NULL, &d, &err), 0);
    assert_int_equal(d.cohort.count, 5);
    assert_int_equal(d.tie_count, 2);
    assert_int_equal(d.department_count, 2);
    assert_string_equal(d.department_names[0], "Finance");
    assert_int_equal(d.department[3], -1); /* di has none */
    assert_int_equal(d.organisation_count, 2);
    assert_true(d.responded[0]);
    assert_false(d.responded[1]);
    assert_int_equal(d.respondents, 1);
    assert_string_equal(d.relation_names[d.ties[0].relation], "knows");
    struct net_tie *other;
    size_t other_count;
    assert_int_equal(store_network_load_ties(f->db, &d, w2, NULL, &other, &other_count, &err), 0);
    assert_int_equal(other_count, 0);
    free(other);
    network_data_free(&d);
    assert_int_equal(store_network_load(f->db, f->programme, w1, "advice", &d, &err), 0);
    assert_int_equal(d.tie_count, 0);
    network_data_free(&d);
}

static void test_known_pairs(void **state)
{
    struct fixture *f = *state;
    long long w1, w2, knows, advice;
    int created;
    long long *p = f->person;
    store_network_wave_ensure(f->db, f->programme, "baseline", &w1, &created);
    store_network_wave_ensure(f->db, f->programme, "final", &w2, &created);
    store_network_relation_ensure(f->db, f->programme, "knows", &knows);
    store_network_relation_ensure(f->db, f->programme, "advice", &advice);
    /* ed-cy twice (both directions), cy-ada under two relations in two waves, bob-di once. */
    store_network_tie_put(f->db, w1, knows, p[4], p[2], NAN, "csv");
    store_network_tie_put(f->db, w1, knows, p[2], p[4], NAN, "csv");
    store_network_tie_put(f->db, w1, knows, p[2], p[0], NAN, "csv");
    store_network_tie_put(f->db, w2, advice, p[0], p[2], NAN, "csv");
    store_network_tie_put(f->db, w2, knows, p[1], p[3], NAN, "csv");
    struct known_pair *pairs;
    size_t n;
    assert_int_equal(store_known_pairs(f->db, f->programme, &pairs, &n), 0);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        assert_true(pairs[i].person_a < pairs[i].person_b);
        if (i > 0)
            assert_true(pairs[i - 1].person_a < pairs[i].person_a ||
                        (pairs[i - 1].person_a == pairs[i].person_a &&
                         pairs[i - 1].person_b < pairs[i].person_b));
    }
    assert_true(pairs[0].person_a == p[0] && pairs[0].person_b == p[2]);
    free(pairs);
    /* Someone who left the programme no longer counts. */
    assert_int_equal(store_member_remove(f->db, f->programme, p[3]), 0);
    assert_int_equal(store_known_pairs(f->db, f->programme, &pairs, &n), 0);
    assert_int_equal(n, 2);
    free(pairs);
    long long other;
    store_programme_ensure(f->db, "Other", &other);
    assert_int_equal(store_known_pairs(f->db, other, &pairs, &n), 0);
    assert_int_equal(n, 0);
    assert_null(pairs);
}

static void test_answer_save(void **state)
{
    struct fixture *f = *state;
    long long w, knows;
    int created;
    long long *p = f->person;
    store_network_wave_ensure(f->db, f->programme, "baseline", &w, &created);
    store_network_relation_ensure(f->db, f->programme, "knows", &knows);
    long long first[] = {p[1], p[2], p[3]}, second[] = {p[4]};
    double strength[] = {5};
    assert_int_equal(store_network_answer_save(f->db, w, knows, p[0], first, NULL, 3), 0);
    assert_int_equal(store_network_answer_save(f->db, w, knows, p[1], NULL, NULL, 0), 0);
    struct network_wave_row *rows;
    size_t n;
    assert_int_equal(store_network_waves(f->db, f->programme, &rows, &n), 0);
    assert_int_equal(rows[0].ties, 3);
    assert_int_equal(rows[0].respondents, 2); /* naming nobody is an answer */
    network_wave_rows_free(rows, n);
    /* Answering again replaces the answer. A self-tie breaks the CHECK: nothing changes. */
    assert_int_equal(store_network_answer_save(f->db, w, knows, p[0], second, strength, 1), 0);
    long long self[] = {p[2], p[0]};
    assert_int_equal(store_network_answer_save(f->db, w, knows, p[0], self, NULL, 2), -1);
    struct network_data d;
    char *err = NULL;
    assert_int_equal(store_network_load(f->db, f->programme, w, NULL, &d, &err), 0);
    assert_int_equal(d.tie_count, 1);
    assert_int_equal(d.ties[0].to, 4);
    assert_true(d.ties[0].strength == 5);
    network_data_free(&d);
}

static void test_consent(void **state)
{
    struct fixture *f = *state;
    bool granted = true;
    assert_int_equal(store_network_consent_get(f->db, f->programme, f->person[0], &granted), 1);
    assert_int_equal(store_network_consent_record(f->db, f->programme, f->person[0], true,
                                                  "Admins see names; others see counts."),
                     0);
    assert_int_equal(store_network_consent_get(f->db, f->programme, f->person[0], &granted), 0);
    assert_true(granted);
    assert_int_equal(
        store_network_consent_record(f->db, f->programme, f->person[0], false, "withdrawn"), 0);
    assert_int_equal(store_network_consent_get(f->db, f->programme, f->person[0], &granted), 0);
    assert_false(granted);
}

/* The set person P (fixture index) was in, by name, in D; "" when in none. */
static const char *set_of(const struct network_data *d, long long person)
{
    for (size_t i = 0; i < d->cohort.count; i++)
        if (d->cohort.people[i].id == person)
            return d->set[i] >= 0 ? d->set_names[d->set[i]] : "";
    return "?";
}

/* "Inside the set" for the comparison is membership at the wave's time (issue 13): someone
 * moved after it counts in the set they were in then, someone who joined later does not; a set
 * never published (no history) counts its current members. */
static void test_sets_at_follow_membership_history(void **state)
{
    struct fixture *f = *state;
    long long wave;
    int created;
    char *err = NULL, *plan = NULL;
    assert_int_equal(store_network_wave_ensure(f->db, f->programme, "w", &wave, &created), 0);
    struct network_data d;
    assert_int_equal(store_network_load(f->db, f->programme, wave, NULL, &d, &err), 0);
    long long *p = f->person;
    char *q = str_printf(
        "INSERT INTO set_plans (id, programme_id, name, status, created_at, published_at) VALUES"
        " (1, %lld, 'Plan', 'published', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
        "INSERT INTO sets (id, plan_id, name, position) VALUES (1, 1, 'S1', 1), (2, 1, 'S2', 2);"
        "INSERT INTO set_members VALUES (1, %lld), (1, %lld), (2, %lld), (2, %lld);"
        "INSERT INTO set_membership (set_id, person_id, joined_at, left_at) VALUES"
        " (1, %lld, '0000-01-01T00:00:00Z', NULL),"
        " (2, %lld, '0000-01-01T00:00:00Z', '2026-03-01T00:00:00Z'),"
        " (1, %lld, '2026-03-01T00:00:00Z', NULL),"
        " (2, %lld, '0000-01-01T00:00:00Z', NULL),"
        " (2, %lld, '2026-04-01T00:00:00Z', NULL);",
        f->programme, p[0], p[1], p[2], p[3], p[0], p[1], p[1], p[2], p[3]);
    assert_int_equal(sqlite3_exec(db_sqlite(f->db), q, NULL, NULL, NULL), SQLITE_OK);
    free(q);
    /* February: bob still in S2 (moved on 1 March), di not yet in S2 (joined in April). */
    assert_int_equal(
        store_network_sets_at(f->db, f->programme, "2026-02-01T00:00:00Z", &d, &plan, &err), 0);
    assert_string_equal(plan, "Plan");
    free(plan);
    assert_string_equal(set_of(&d, p[0]), "S1");
    assert_string_equal(set_of(&d, p[1]), "S2");
    assert_string_equal(set_of(&d, p[2]), "S2");
    assert_string_equal(set_of(&d, p[3]), "");
    assert_string_equal(set_of(&d, p[4]), "");
    /* On the day of the move and after: bob in S1; in May di in S2. */
    assert_int_equal(
        store_network_sets_at(f->db, f->programme, "2026-03-01T00:00:00Z", &d, &plan, &err), 0);
    free(plan);
    assert_string_equal(set_of(&d, p[1]), "S1");
    assert_string_equal(set_of(&d, p[3]), "");
    assert_int_equal(
        store_network_sets_at(f->db, f->programme, "2026-05-01T00:00:00Z", &d, &plan, &err), 0);
    free(plan);
    assert_string_equal(set_of(&d, p[1]), "S1");
    assert_string_equal(set_of(&d, p[3]), "S2");
    /* A draft saved later with no history counts its current members. */
    assert_int_equal(sqlite3_exec(db_sqlite(f->db),
                                  "UPDATE set_plans SET status = 'draft', published_at = NULL;"
                                  "DELETE FROM set_membership;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(
        store_network_sets_at(f->db, f->programme, "2026-02-01T00:00:00Z", &d, &plan, &err), 0);
    free(plan);
    assert_string_equal(set_of(&d, p[1]), "S1");
    assert_string_equal(set_of(&d, p[3]), "S2");
    network_data_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_waves_and_answers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_known_pairs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answer_save, setup, teardown),
        cmocka_unit_test_setup_teardown(test_consent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sets_at_follow_membership_history, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
