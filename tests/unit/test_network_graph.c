/* The whole network as data for the interactive view (app/network/network_graph.h): contacts
 * once per pair, mutual and new flagged, degrees counted from them, the SVG's positions, no
 * email; and the plain load (no metrics) gives the same people and ties as the full one. */
#include "test_support.h"

#include "app/network/network_graph.h"
#include "store/store_people.h"
#include "store/store_programmes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct db *db;
static long long programme;
static long long person[3]; /* ada, bob, cy: cohort order is by email, so indices 0, 1, 2 */

static int setup(void **state)
{
    char path[128];
    snprintf(path, sizeof path, "%s/g.db", test_tmpdir());
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
    for (int i = 0; i < 3; i++) {
        store_network_response_record(db, w1, person[i], "web");
        store_network_response_record(db, w2, person[i], "web");
    }
    /* Baseline: ada named bob. Final: ada and bob named each other, cy named ada. */
    store_network_tie_put(db, w1, knows, person[0], person[1], NAN, "web");
    store_network_tie_put(db, w2, knows, person[0], person[1], NAN, "web");
    store_network_tie_put(db, w2, knows, person[1], person[0], NAN, "web");
    store_network_tie_put(db, w2, knows, person[2], person[0], NAN, "web");
    (void)state;
    return 0;
}

static int teardown(void **state)
{
    db_close(db);
    (void)state;
    return 0;
}

static void test_plain_load_matches_full(void **state)
{
    struct network_view full, plain;
    char *err = NULL;
    assert_int_equal(network_view_load(db, programme, "final", "baseline", NULL, &full, &err), 0);
    assert_int_equal(
        network_view_load_plain(db, programme, "final", "baseline", NULL, &plain, &err), 0);
    assert_int_equal(plain.data.cohort.count, full.data.cohort.count);
    assert_int_equal(plain.data.tie_count, full.data.tie_count);
    assert_int_equal(plain.then_count, full.then_count);
    assert_int_equal(plain.compared, full.compared);
    assert_true(plain.comparing);
    assert_null(plain.now.person); /* no metrics computed */
    network_view_free(&full);
    network_view_free(&plain);
    (void)state;
}

static void test_graph_json(void **state)
{
    struct network_view v, full;
    char *err = NULL;
    assert_int_equal(network_view_load_plain(db, programme, "final", "baseline", NULL, &v, &err),
                     0);
    assert_int_equal(network_view_load(db, programme, "final", "baseline", NULL, &full, &err), 0);
    json_t *g = network_graph_json(&v, &err);
    assert_non_null(g);
    assert_string_equal(json_string_value(json_object_get(g, "wave")), "final");
    assert_string_equal(json_string_value(json_object_get(g, "before")), "baseline");
    assert_int_equal(json_integer_value(json_object_get(g, "contacts")), 2);
    json_t *edges = json_object_get(g, "edges"), *nodes = json_object_get(g, "nodes");
    assert_int_equal(json_array_size(edges), 2);
    /* ada-bob: mutual, known at the baseline; ada-cy: one way, new. */
    for (size_t i = 0; i < 2; i++) {
        json_t *e = json_array_get(edges, i);
        long a = (long)json_integer_value(json_array_get(e, 0));
        long b = (long)json_integer_value(json_array_get(e, 1));
        long mutual = (long)json_integer_value(json_array_get(e, 2));
        long fresh = (long)json_integer_value(json_array_get(e, 3));
        assert_int_equal(a, 0);
        assert_int_equal(mutual, b == 1);
        assert_int_equal(fresh, b == 2);
    }
    struct net_layout layout;
    assert_int_equal(network_view_layout(&v, &layout, &err), 0);
    for (size_t i = 0; i < 3; i++) {
        json_t *n = json_array_get(nodes, i);
        assert_int_equal(json_integer_value(json_object_get(n, "id")), person[i]);
        assert_int_equal(json_integer_value(json_object_get(n, "degree")),
                         full.now.person[i].degree);
        assert_true(fabs(json_real_value(json_object_get(n, "x")) - layout.x[i]) < 1e-4);
        assert_true(fabs(json_real_value(json_object_get(n, "y")) - layout.y[i]) < 1e-4);
        assert_null(json_object_get(n, "email"));
    }
    char *text = json_dumps(g, 0);
    assert_non_null(text);
    assert_null(strchr(text, '@'));
    free(text);
    net_layout_free(&layout);
    json_decref(g);
    network_view_free(&v);
    network_view_free(&full);
    (void)state;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_load_matches_full),
        cmocka_unit_test(test_graph_json),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
