/* Unit tests for engine/people/person_fields: the one table of which person fields each viewer
 * sees. */
#include "test_support.h"

#include "engine/people/person_fields.h"

static void set_mates_see_who_but_not_gender_grade_or_email(void **state)
{
    (void)state;
    enum person_field hidden[] = {PERSON_EMAIL, PERSON_GRADE, PERSON_GENDER, PERSON_MANAGER,
                                  PERSON_CUSTOM};
    enum person_field shown[] = {PERSON_NAME, PERSON_ORGANISATION, PERSON_DEPARTMENT,
                                 PERSON_LOCATION, PERSON_ROLE};
    enum person_viewer others[] = {PERSON_VIEWER_SET_MATE, PERSON_VIEWER_FACILITATOR};
    for (size_t v = 0; v < 2; v++) {
        for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
            assert_false(person_field_visible(others[v], hidden[i]));
        for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
            assert_true(person_field_visible(others[v], shown[i]));
    }
}

static void admins_and_the_person_see_everything(void **state)
{
    (void)state;
    for (int f = 0; f < PERSON_FIELD_COUNT; f++) {
        assert_true(person_field_visible(PERSON_VIEWER_ADMIN, (enum person_field)f));
        assert_true(person_field_visible(PERSON_VIEWER_SELF, (enum person_field)f));
    }
}

static void anonymised_outputs_keep_no_name_and_no_email(void **state)
{
    (void)state;
    assert_false(person_field_visible(PERSON_VIEWER_ANONYMOUS, PERSON_NAME));
    assert_false(person_field_visible(PERSON_VIEWER_ANONYMOUS, PERSON_EMAIL));
    assert_false(person_field_visible(PERSON_VIEWER_ANONYMOUS, PERSON_GENDER));
    assert_true(person_field_visible(PERSON_VIEWER_ANONYMOUS, PERSON_DEPARTMENT));
    /* Out of range is hidden, never read past the table. */
    assert_false(person_field_visible((enum person_viewer)99, PERSON_NAME));
    assert_false(person_field_visible(PERSON_VIEWER_ADMIN, PERSON_FIELD_COUNT));
}

static void attribute_names_map_to_fields(void **state)
{
    (void)state;
    assert_int_equal(person_field_of_name("gender"), PERSON_GENDER);
    assert_int_equal(person_field_of_name("grade"), PERSON_GRADE);
    assert_int_equal(person_field_of_name("department"), PERSON_DEPARTMENT);
    assert_int_equal(person_field_of_name("manager_email"), PERSON_MANAGER);
    assert_int_equal(person_field_of_name("shoe_size"), PERSON_CUSTOM);
    assert_int_equal(person_field_of_name(NULL), PERSON_CUSTOM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_mates_see_who_but_not_gender_grade_or_email),
        cmocka_unit_test(admins_and_the_person_see_everything),
        cmocka_unit_test(anonymised_outputs_keep_no_name_and_no_email),
        cmocka_unit_test(attribute_names_map_to_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
