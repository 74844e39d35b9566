/* The privacy rule of ego networks: a participant sees only what they answered themselves;
 * an admin sees every tie. Also loading by wave name, latest wave and comparisons. */
#include "test_support.h"

#include "app/network/network_view.h"
#include "io/export/network_export.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <math.h>

static struct db *db;
static long long programme;
static long long person[3]; /* ada, bob, cy (cohort order is by email, so indices 0, 1, 2) */

static int setup(void **state)
{
    const char *dir = test_tmpdir();
    char path[128];
    snprintf(path, sizeof path, "%s/v.db", dir);
    char *err = NULL;
    if (db_open(path, &db, &err) != 0)
        return -1;
    store_programme_ensure(db, "Net", &programme);
    const char *emails[] = {"ada@x.org", "bob@x.org", "cy@x.org"};
    const char *names[] = {"Ada", "Bob", "Cy"};
    for (int i = 0; i < 3; i++) {
        int added;
        store_person_insert(db, emails[i], names[i], "Council", &person[i]);
        store_member_add(db, programme, person[i], &added);
    }
    long long w1, w2, knows;
    int created;
    store_network_wave_ensure(db, programme, "baseline", &w1, &created);
    store_network_wave_ensure(db, programme, "final", &w2, &created);
    store_network_relation_ensure(db, programme, "knows", &knows);
    /* Baseline: everyone answered and named nobody. Final: ada named bob; cy named ada; bob
     * named cy. Only people who answered both waves are compared, so all three answer both. */
    for (int i = 0; i < 3; i++) {
        store_network_response_record(db, w1, person[i], "web");
        store_network_response_record(db, w2, person[i], "web");
    }
    store_network_tie_put(db, w2, knows, person[0], person[1], NAN, "web");
    store_network_tie_put(db, w2, knows, person[2], person[0], NAN, "web");
    store_network_tie_put(db, w2, knows, person[1], person[2], NAN, "web");
    (void)state;
    return 0;
}

static int teardown(void **state)
{
    db_close(db);
    return 0;
}

static void test_ego_privacy(void **state)
{
    struct network_view v;
    char *err = NULL;
    assert_int_equal(network_view_load(db, programme, NULL, "baseline", NULL, &v, &err), 0);
    assert_string_equal(v.wave_name, "final"); /* the latest */
    assert_true(v.comparing);
    assert_int_equal(v.cmp.gained_beyond, 3);
    char **labels = network_labels(&v.data, false, 1);
    assert_non_null(labels);
    struct strbuf sb = {0};
    assert_int_equal(
        network_view_ego_svg(&v, 0, NETWORK_VIEWER_SELF, labels, NETWORK_BY_DEPARTMENT, &sb), 0);
    assert_non_null(strstr(sb.data, "1 contact<"));
    assert_non_null(strstr(sb.data, "Bob"));
    assert_null(strstr(sb.data, "Cy")); /* Cy named Ada: Cy's answer, not Ada's */
    sb_free(&sb);
    assert_int_equal(
        network_view_ego_svg(&v, 0, NETWORK_VIEWER_ADMIN, labels, NETWORK_BY_DEPARTMENT, &sb), 0);
    assert_non_null(strstr(sb.data, "2 contacts"));
    assert_non_null(strstr(sb.data, "Cy"));
    sb_free(&sb);
    assert_int_equal(
        network_view_ego_svg(&v, 3, NETWORK_VIEWER_ADMIN, labels, NETWORK_BY_DEPARTMENT, &sb), -1);
    sb_free(&sb);
    assert_int_equal(network_view_network_svg(&v, NULL, NETWORK_BY_ORGANISATION, &sb, &err), 0);
    assert_null(strstr(sb.data, "Ada"));
    assert_non_null(strstr(sb.data, "Organisation"));
    sb_free(&sb);
    assert_int_equal(network_view_chart_svg(&v, &sb), 0);
    sb_free(&sb);
    network_labels_free(labels, v.data.cohort.count);
    network_view_free(&v);
}

static void test_unknown_wave(void **state)
{
    struct network_view v;
    char *err = NULL;
    assert_int_equal(network_view_load(db, programme, "midpoint", NULL, NULL, &v, &err), 1);
    assert_non_null(strstr(err, "no wave 'midpoint'"));
    free(err);
    err = NULL;
    assert_int_equal(network_view_load(db, programme, "final", "nope", NULL, &v, &err), 1);
    assert_non_null(strstr(err, "no wave 'nope'"));
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ego_privacy),
        cmocka_unit_test(test_unknown_wave),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
