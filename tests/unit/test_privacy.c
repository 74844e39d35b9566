/* Unit tests for engine/themes/privacy: who may see what of every record kind, the theme
 * threshold, consent for excerpts, and excerpts cut safely. */
#include "test_support.h"

#include "engine/themes/privacy.h"

static void who_sees_what_of_a_challenge(void **state)
{
    /* Every visibility against every kind of viewer, with and without consent. */
    struct {
        enum challenge_visibility v;
        bool consent;
        enum privacy_access self, mate, cohort, outside;
    } cases[] = {
        {CHALLENGE_ONLY_ME, false, ACCESS_FULL, ACCESS_NONE, ACCESS_NONE, ACCESS_NONE},
        {CHALLENGE_ONLY_ME, true, ACCESS_FULL, ACCESS_NONE, ACCESS_NONE, ACCESS_NONE},
        {CHALLENGE_SET, false, ACCESS_FULL, ACCESS_FULL, ACCESS_NONE, ACCESS_NONE},
        {CHALLENGE_SET, true, ACCESS_FULL, ACCESS_FULL, ACCESS_NONE, ACCESS_NONE},
        {CHALLENGE_COHORT, false, ACCESS_FULL, ACCESS_FULL, ACCESS_NONE, ACCESS_NONE},
        {CHALLENGE_COHORT, true, ACCESS_FULL, ACCESS_FULL, ACCESS_EXCERPT, ACCESS_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(privacy_challenge_access(cases[i].v, cases[i].consent, VIEWER_SELF),
                         cases[i].self);
        assert_int_equal(privacy_challenge_access(cases[i].v, cases[i].consent, VIEWER_SET_MATE),
                         cases[i].mate);
        assert_int_equal(privacy_challenge_access(cases[i].v, cases[i].consent, VIEWER_COHORT),
                         cases[i].cohort);
        assert_int_equal(privacy_challenge_access(cases[i].v, cases[i].consent, VIEWER_OUTSIDE),
                         cases[i].outside);
    }
    assert_false(privacy_enters_themes(CHALLENGE_ONLY_ME));
    assert_false(privacy_enters_themes(CHALLENGE_SET));
    assert_true(privacy_enters_themes(CHALLENGE_COHORT));
    /* Survey answers: only one's own. */
    assert_true(privacy_answers_visible(VIEWER_SELF));
    assert_false(privacy_answers_visible(VIEWER_SET_MATE));
    assert_false(privacy_answers_visible(VIEWER_COHORT));
    assert_false(privacy_answers_visible(VIEWER_OUTSIDE));
}

static void visibility_names_round_trip(void **state)
{
    enum challenge_visibility v;
    for (int i = 0; i <= 2; i++) {
        assert_int_equal(privacy_visibility_parse(privacy_visibility_name(i), &v), 0);
        assert_int_equal(v, i);
    }
    assert_int_equal(privacy_visibility_parse("Only me", &v), 0);
    assert_int_equal(v, CHALLENGE_ONLY_ME);
    assert_int_equal(privacy_visibility_parse("everyone", &v), -1);
}

static void a_theme_of_two_is_never_shown(void **state)
{
    struct privacy_member two[] = {{1, true, "a"}, {2, true, "b"}};
    struct privacy_theme_view v;
    assert_int_equal(privacy_theme_view(two, 2, 1, 3, &v), 0);
    assert_false(v.shown);
    assert_int_equal(v.nexcerpts, 0);
    privacy_theme_view_free(&v);
    /* Not even when the setting is lowered below 2, and not to an admin (viewer 0). */
    struct privacy_member one[] = {{1, true, "a"}, {1, true, "a again"}};
    assert_int_equal(privacy_theme_view(one, 2, 0, 1, &v), 0);
    assert_false(v.shown);
    privacy_theme_view_free(&v);
    assert_false(privacy_theme_shown(2, 3));
    assert_true(privacy_theme_shown(3, 3));
    assert_false(privacy_theme_shown(1, 0));
    /* A theme of 2 is never shown (issue 8), not even when the setting says 2. */
    assert_false(privacy_theme_shown(2, 2));
    assert_false(privacy_theme_shown(2, 0));
    /* Three challenges by two people are still two people. */
    struct privacy_member dup[] = {{1, true, "a"}, {2, true, "b"}, {2, true, "c"}};
    assert_int_equal(privacy_theme_view(dup, 3, 0, 3, &v), 0);
    assert_false(v.shown);
    privacy_theme_view_free(&v);
}

static void excerpts_only_from_others_who_consented(void **state)
{
    struct privacy_member m[] = {
        {1, true, "mine"},        {2, false, "no consent"}, {3, true, "three says"},
        {3, true, "three again"}, {4, true, "four says"},
    };
    struct privacy_theme_view v;
    assert_int_equal(privacy_theme_view(m, 5, 1, 3, &v), 0);
    assert_true(v.shown);
    assert_int_equal(v.others, 3); /* people 2, 3 and 4 */
    assert_int_equal(v.nexcerpts, 2);
    assert_string_equal(v.excerpts[0], "three says"); /* one per person */
    assert_string_equal(v.excerpts[1], "four says");
    privacy_theme_view_free(&v);
    /* A viewer outside the theme (an admin) counts everyone and sees every consenting person. */
    assert_int_equal(privacy_theme_view(m, 5, 0, 3, &v), 0);
    assert_int_equal(v.others, 4);
    assert_int_equal(v.nexcerpts, 3);
    privacy_theme_view_free(&v);
}

static void connectedness_needs_enough_pairs(void **state)
{
    assert_false(privacy_change_shown(4, PRIVACY_DEFAULT_MIN_PAIRED));
    assert_true(privacy_change_shown(5, PRIVACY_DEFAULT_MIN_PAIRED));
    assert_false(privacy_change_shown(1, 0)); /* never below 2 */
}

static void excerpts_are_cut_at_words_and_never_inside_utf8(void **state)
{
    char *e = privacy_excerpt("  one   two\nthree  ", 100);
    assert_string_equal(e, "one two three");
    free(e);
    e = privacy_excerpt("alpha beta gamma", 12);
    assert_string_equal(e, "alpha beta...");
    free(e);
    /* "caf\xc3\xa9" is 5 bytes: a limit of 4 must not split the two-byte letter. */
    e = privacy_excerpt("caf\xc3\xa9", 4);
    assert_string_equal(e, "caf...");
    free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(who_sees_what_of_a_challenge),
        cmocka_unit_test(visibility_names_round_trip),
        cmocka_unit_test(a_theme_of_two_is_never_shown),
        cmocka_unit_test(excerpts_only_from_others_who_consented),
        cmocka_unit_test(connectedness_needs_enough_pairs),
        cmocka_unit_test(excerpts_are_cut_at_words_and_never_inside_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
