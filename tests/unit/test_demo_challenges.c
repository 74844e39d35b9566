/* Unit tests for demo/demo_challenges: the same seed gives the same data, every visibility
 * occurs, and the generated survey moves each scale in its better direction. */
#include "test_support.h"

#include "app/demo/demo_challenges.h"

static void same_seed_same_challenges(void **state)
{
    struct demo_challenge *a, *b;
    size_t na, nb;
    assert_int_equal(demo_challenges(300, 7, &a, &na), 0);
    assert_int_equal(demo_challenges(300, 7, &b, &nb), 0);
    assert_int_equal(na, nb);
    assert_true(na > 150 && na < 270); /* about 70% of 300 */
    size_t vis[3] = {0};
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(a[i].person, b[i].person);
        assert_string_equal(a[i].body, b[i].body);
        vis[a[i].visibility]++;
    }
    assert_true(vis[CHALLENGE_ONLY_ME] > 0 && vis[CHALLENGE_SET] > 0);
    assert_true(vis[CHALLENGE_COHORT] > vis[CHALLENGE_SET]);
    demo_challenges_free(a, na);
    demo_challenges_free(b, nb);
}

static void survey_improves_every_scale(void **state)
{
    struct instrument_item items[] = {
        {.scale = "lonely"},
        {.scale = "lonely"},
        {.scale = "work"},
        {.scale = "work", .reversed = true},
    };
    struct instrument_scale scales[] = {{.name = "lonely", .higher_is_better = false},
                                        {.name = "work", .higher_is_better = true}};
    struct instrument ins = {.point_min = 1,
                             .point_max = 3,
                             .nitems = 4,
                             .items = items,
                             .nscales = 2,
                             .scales = scales};
    enum { PEOPLE = 400 };
    int *start = malloc(PEOPLE * 4 * sizeof *start), *end = malloc(PEOPLE * 4 * sizeof *end);
    assert_int_equal(demo_survey(&ins, PEOPLE, 3, start, end), 0);
    double sum[2][2] = {{0}};
    size_t both = 0;
    for (size_t p = 0; p < PEOPLE; p++) {
        double x, y;
        if (instrument_score(&ins, 0, &start[p * 4], &x) != 0 ||
            instrument_score(&ins, 0, &end[p * 4], &y) != 0)
            continue;
        both++;
        sum[0][0] += x;
        sum[0][1] += y;
        assert_int_equal(instrument_score(&ins, 1, &start[p * 4], &x), 0);
        assert_int_equal(instrument_score(&ins, 1, &end[p * 4], &y), 0);
        sum[1][0] += x;
        sum[1][1] += y;
    }
    assert_true(both > PEOPLE / 2 && both < PEOPLE);
    assert_true(sum[0][1] < sum[0][0]); /* less lonely */
    assert_true(sum[1][1] > sum[1][0]); /* more connected */
    free(start);
    free(end);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_challenges),
        cmocka_unit_test(survey_improves_every_scale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
