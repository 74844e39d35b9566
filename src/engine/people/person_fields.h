/* Which fields of a person each kind of viewer may see: the one rule that the pages, the API,
 * the exports and the pictures ask, so that a field hidden on one face is hidden on all. Pure:
 * callers say how the viewer stands to the person. */
#ifndef SETWORK_ENGINE_PEOPLE_PERSON_FIELDS_H
#define SETWORK_ENGINE_PEOPLE_PERSON_FIELDS_H

#include <stdbool.h>

/* The fields a person record has. Custom attributes (any other cohort column) are one field. */
enum person_field {
    PERSON_NAME,
    PERSON_EMAIL,
    PERSON_ORGANISATION,
    PERSON_DEPARTMENT,
    PERSON_LOCATION,
    PERSON_ROLE,
    PERSON_GRADE,
    PERSON_GENDER,
    PERSON_MANAGER,
    PERSON_CUSTOM,
    PERSON_FIELD_COUNT
};

/* How the viewer stands to the person shown. */
enum person_viewer {
    PERSON_VIEWER_ADMIN,       /* a programme administrator */
    PERSON_VIEWER_SELF,        /* the person themselves */
    PERSON_VIEWER_FACILITATOR, /* facilitates a set the person is in */
    PERSON_VIEWER_SET_MATE,    /* shares a published set with the person */
    PERSON_VIEWER_ANONYMOUS,   /* an anonymised export or picture: no one in particular */
};

/* Whether VIEWER may see FIELD of a person. Admins and the person see everything; facilitators
 * and set-mates see who someone is and where they work (name, organisation, department,
 * location, role) but not their email, grade, gender, manager or custom attributes; an
 * anonymised output keeps only the organisation and department (for colouring). */
bool person_field_visible(enum person_viewer viewer, enum person_field field);

/* The field a cohort column or stored attribute NAME holds ("grade", "gender", "location",
 * "role", "manager_email" ...), PERSON_CUSTOM for any other name. */
enum person_field person_field_of_name(const char *name);

#endif
