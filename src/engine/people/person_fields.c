/* The table of which person fields each viewer sees. */
#include "engine/people/person_fields.h"

#include <string.h>

/* Rows: viewers in enum order; columns: fields in enum order. */
static const bool visible[][PERSON_FIELD_COUNT] = {
    /*                 name  email  org   dept  loc   role  grade gender mgr  custom */
    [PERSON_VIEWER_ADMIN] = {true, true, true, true, true, true, true, true, true, true},
    [PERSON_VIEWER_SELF] = {true, true, true, true, true, true, true, true, true, true},
    [PERSON_VIEWER_FACILITATOR] = {true, false, true, true, true, true, false, false, false, false},
    [PERSON_VIEWER_SET_MATE] = {true, false, true, true, true, true, false, false, false, false},
    [PERSON_VIEWER_ANONYMOUS] = {false, false, true, true, false, false, false, false, false,
                                 false},
};

bool person_field_visible(enum person_viewer viewer, enum person_field field)
{
    if ((unsigned)viewer > PERSON_VIEWER_ANONYMOUS || (unsigned)field >= PERSON_FIELD_COUNT)
        return false;
    return visible[viewer][field];
}

enum person_field person_field_of_name(const char *name)
{
    static const struct {
        const char *name;
        enum person_field field;
    } names[] = {
        {"name", PERSON_NAME},
        {"email", PERSON_EMAIL},
        {"organisation", PERSON_ORGANISATION},
        {"department", PERSON_DEPARTMENT},
        {"location", PERSON_LOCATION},
        {"role", PERSON_ROLE},
        {"grade", PERSON_GRADE},
        {"gender", PERSON_GENDER},
        {"manager_email", PERSON_MANAGER},
        {"manager", PERSON_MANAGER},
    };
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0)
            return names[i].field;
    return PERSON_CUSTOM;
}
