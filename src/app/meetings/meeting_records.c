/* The checks and writes of a meeting's rounds (meeting_records.h). */
#include "app/meetings/meeting_records.h"

#include "app/meetings/meeting_access.h"
#include "core/date.h"
#include "engine/meetings/actions.h"
#include "engine/meetings/timer.h"
#include "store/store_meeting_round.h"
#include "store/store_meeting_timer.h"
#include "store/store_meetings.h"

#include <stdlib.h>
#include <string.h>

static const char no_record[] = "There is no such meeting record.";

/* Fills *REPLY and returns ST. */
static enum status answer(struct meeting_records_reply *reply, enum status st, const char *msg,
                          bool malformed)
{
    reply->msg = msg;
    reply->malformed = malformed;
    return st;
}

static enum status invalid(struct meeting_records_reply *reply, const char *msg)
{
    return answer(reply, STATUS_INVALID, msg, false);
}

static enum status malformed(struct meeting_records_reply *reply, const char *msg)
{
    return answer(reply, STATUS_INVALID, msg, true);
}

/* STATUS_OK when ACTOR may see the content of meeting MID, with *ROLE filled; else the status,
 * with the message of a missing record in *REPLY (it stays there for later refusals that have
 * no message of their own). */
static enum status content(struct db *db, const struct actor *actor, long long mid,
                           struct meet_role *role, struct meeting_records_reply *reply)
{
    int rc = app_meet_may_see(db, actor, MEET_ITEM_REVIEW, mid);
    answer(reply, STATUS_OK, no_record, false);
    if (rc != 1)
        return rc == 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    if (store_meeting_role(db, mid, actor->person_id, role) != 0)
        return STATUS_FAILED;
    return STATUS_OK;
}

static bool blank(const char *s)
{
    return !s || !*s;
}

enum status meeting_records_checkin(struct db *db, const struct actor *actor, long long mid,
                                    long long person, const char *status, const char *line,
                                    struct meeting_records_reply *reply)
{
    struct meet_role me, them;
    enum status st = content(db, actor, mid, &me, reply);
    if (st != STATUS_OK)
        return st;
    long long target = person > 0 ? person : actor->person_id;
    if (target <= 0)
        return invalid(reply, "Your account is not a member of this set.");
    if (store_meeting_role(db, mid, target, &them) != 0)
        return STATUS_FAILED;
    if (!them.member)
        return invalid(reply, "Choose a member of this set.");
    if (target != actor->person_id && !me.facilitator)
        return answer(reply, STATUS_FORBIDDEN,
                      "Only the facilitator records the check-in of others.", false);
    if (blank(status) && blank(line))
        return malformed(reply, "Say who is here, or write a check-in line.");
    if (!blank(status)) {
        bool known = strcmp(status, "present") == 0 || strcmp(status, "apologies") == 0 ||
                     strcmp(status, "absent") == 0;
        if (!known || (!me.facilitator && strcmp(status, "absent") == 0))
            return malformed(
                reply,
                "Attendance is present, apologies or absent (the facilitator marks absence).");
    }
    if (!blank(line) && !meet_line_ok(line, MEET_CHECKIN_MAX))
        return invalid(reply, "A check-in is one line of at most 280 characters.");
    /* Whoever writes a check-in line is at the meeting. */
    if (blank(status))
        status = "present";
    long long id;
    if (store_attendance_set(db, mid, target, status) != 0 ||
        (!blank(line) && store_checkin_set(db, mid, target, line, &id) != 0))
        return answer(reply, STATUS_FAILED, "The check-in could not be saved.", false);
    return answer(reply, STATUS_OK, NULL, false);
}

enum status meeting_records_question_add(struct db *db, const struct actor *actor, long long mid,
                                         long long pid, long long asker, const char *body,
                                         long long *id, struct meeting_records_reply *reply)
{
    struct meet_role me;
    enum status st = content(db, actor, mid, &me, reply);
    if (st != STATUS_OK)
        return st;
    if (pid <= 0 || blank(body))
        return malformed(reply, "Say which presentation and what the question is.");
    if (app_meet_may_see(db, actor, MEET_ITEM_PRESENTATION, pid) != 1)
        return STATUS_NOT_FOUND;
    /* The presentation must belong to this meeting, so a form cannot write elsewhere. */
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    bool here = false;
    if (store_presentations_list(db, mid, &ps, &np) != 0)
        return STATUS_FAILED;
    for (size_t i = 0; i < np; i++)
        here = here || ps[i].id == pid;
    free(ps);
    if (!here)
        return STATUS_NOT_FOUND;
    long long who = asker > 0 ? asker : actor->person_id;
    if (who != actor->person_id) {
        struct actor them = app_meet_person(who);
        if (app_meet_may_see(db, &them, MEET_ITEM_REVIEW, mid) != 1)
            return invalid(reply, "Choose who asked from the members at this meeting.");
    }
    if (strlen(body) > MEET_TEXT_MAX ||
        store_question_add(db, pid, who > 0 ? who : 0, body, id) != 0)
        return invalid(reply, "The question could not be saved (at most 4000 characters).");
    return answer(reply, STATUS_OK, NULL, false);
}

enum status meeting_records_handover(struct db *db, const struct actor *actor, long long mid,
                                     long long person, bool write, char **name,
                                     struct meeting_records_reply *reply)
{
    if (name)
        *name = NULL;
    struct meet_role me;
    enum status st = content(db, actor, mid, &me, reply);
    if (st != STATUS_OK)
        return st;
    struct meeting m = {0};
    if (store_meeting_get(db, mid, &m) != 0) {
        meeting_free(&m);
        return STATUS_NOT_FOUND;
    }
    long long current = m.facilitator_id;
    meeting_free(&m);
    if (actor->person_id <= 0 || current != actor->person_id)
        return answer(reply, STATUS_FORBIDDEN,
                      "Only this meeting's facilitator can hand the role on.", false);
    if (person <= 0)
        return malformed(reply, "Choose the member who will facilitate.");
    if (person == current)
        return invalid(reply, "You facilitate this meeting already: choose another member.");
    struct meet_roll_entry *roll = NULL;
    size_t n = 0;
    if (store_meeting_roll(db, mid, &roll, &n) != 0)
        return STATUS_FAILED;
    const struct meet_roll_entry *to = NULL;
    for (size_t i = 0; i < n; i++)
        if (roll[i].person_id == person)
            to = &roll[i];
    if (!to) {
        meet_roll_free(roll, n);
        return invalid(reply, "Choose a member of this set.");
    }
    if (!to->has_account) {
        meet_roll_free(roll, n);
        return invalid(reply, "That member has no setwork account yet, so they could not run "
                              "this page: invite them first, or choose a member who can log in.");
    }
    if (name)
        *name = strdup(to->name);
    meet_roll_free(roll, n);
    if (write && store_meeting_set_facilitator(db, mid, person) != 0)
        return answer(reply, STATUS_FAILED, "The role could not be handed on.", false);
    return answer(reply, STATUS_OK, NULL, false);
}

enum status meeting_records_presenter_add(struct db *db, const struct actor *actor, long long mid,
                                          long long person, long long bid_min, long long *id,
                                          struct meeting_records_reply *reply)
{
    struct meet_role me;
    enum status st = content(db, actor, mid, &me, reply);
    if (st != STATUS_OK)
        return st;
    struct meet_timer t;
    int rc = store_meeting_timer_get(db, mid, &t);
    if (rc != 1)
        return answer(reply, rc == 0 ? STATUS_CONFLICT : STATUS_FAILED,
                      "The timer has started; presenters are fixed.", false);
    struct actor them = app_meet_person(person);
    if (person <= 0 || bid_min < 0 || bid_min > 600 ||
        app_meet_may_see(db, &them, MEET_ITEM_REVIEW, mid) != 1)
        return invalid(reply, "Choose a member of this set (and a bid of 1-600 minutes, or none).");
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    if (store_presentations_list(db, mid, &ps, &np) != 0)
        return answer(reply, STATUS_FAILED, "The agenda could not be read.", false);
    free(ps);
    if (np >= MEET_TIMER_MAX_PRESENTERS ||
        store_presentation_add(db, mid, person, (int)bid_min, id) != 0)
        return invalid(reply, "That member is presenting already, or the agenda is full.");
    return answer(reply, STATUS_OK, NULL, false);
}

enum status meeting_records_action_add(struct db *db, const struct actor *actor, long long mid,
                                       long long pid, const char *body, const char *due_on,
                                       long long *id, struct meeting_records_reply *reply)
{
    struct meet_role me;
    enum status st = content(db, actor, mid, &me, reply);
    if (st != STATUS_OK)
        return st;
    /* The presentation must belong to this meeting, so a form cannot write elsewhere. */
    struct meet_presentation *ps = NULL;
    size_t np = 0;
    long long presenter = 0;
    if (store_presentations_list(db, mid, &ps, &np) != 0)
        return STATUS_FAILED;
    for (size_t i = 0; i < np; i++)
        if (ps[i].id == pid)
            presenter = ps[i].presenter_id;
    free(ps);
    if (!presenter)
        return STATUS_NOT_FOUND;
    if (presenter != actor->person_id && !me.facilitator)
        return answer(reply, STATUS_FORBIDDEN,
                      "Actions are the presenter's own: the presenter or the facilitator records "
                      "them.",
                      false);
    if (blank(body) || strlen(body) > MEET_TEXT_MAX)
        return malformed(reply,
                         "Write the action in the presenter's words (at most 4000 characters).");
    if (!blank(due_on) && !date_valid(due_on))
        return malformed(reply, "Give the due date as YYYY-MM-DD.");
    int rc = store_action_commit(db, mid, presenter, body, blank(due_on) ? NULL : due_on, id);
    if (rc != 0)
        return answer(reply, rc == 1 ? STATUS_NOT_FOUND : STATUS_INVALID,
                      "The action could not be saved.", false);
    return answer(reply, STATUS_OK, NULL, false);
}

enum status meeting_records_action_report(struct db *db, const struct actor *actor, long long mid,
                                          long long aid, const char *outcome, const char *learned,
                                          bool carry, const char *due_on, long long *new_id,
                                          struct meeting_records_reply *reply)
{
    struct meet_role me;
    enum status st = content(db, actor, mid, &me, reply);
    if (st != STATUS_OK)
        return st;
    int rc = app_meet_may_see(db, actor, MEET_ITEM_ACTION, aid);
    if (rc != 1)
        return rc == 0 ? STATUS_NOT_FOUND : STATUS_FAILED;
    struct meet_action_item *list = NULL;
    size_t n = 0;
    long long owner = 0;
    if (store_actions_to_report(db, mid, &list, &n) != 0)
        return STATUS_FAILED;
    for (size_t i = 0; i < n; i++)
        if (list[i].id == aid)
            owner = list[i].owner_id;
    meet_action_items_free(list, n);
    if (!owner)
        return STATUS_NOT_FOUND; /* not in this meeting's report-back round */
    if (owner != actor->person_id && !me.facilitator)
        return answer(reply, STATUS_FORBIDDEN,
                      "The action's owner or the facilitator reports it back.", false);
    int o = meet_outcome_parse(outcome);
    if (o < 0)
        return malformed(reply, "Report an action as done, partly or not done.");
    if (learned && strlen(learned) > MEET_TEXT_MAX)
        return invalid(reply, "What you learned is too long (at most 4000 characters).");
    if (!blank(due_on) && !date_valid(due_on))
        return malformed(reply, "Give the new due date as YYYY-MM-DD.");
    rc = store_action_report_back(db, aid, mid, o, learned ? learned : "", carry,
                                  blank(due_on) ? NULL : due_on, new_id);
    if (rc == 1)
        return STATUS_NOT_FOUND;
    if (rc == 2)
        return invalid(reply,
                       "Only an action partly done or not done is carried forward, and only once.");
    if (rc != 0)
        return answer(reply, STATUS_FAILED, "The report back could not be saved.", false);
    return answer(reply, STATUS_OK, NULL, false);
}

enum status meeting_records_review(struct db *db, const struct actor *actor, long long mid,
                                   const char *helped, const char *learned_questioning,
                                   struct meeting_records_reply *reply)
{
    struct meet_role me;
    enum status st = content(db, actor, mid, &me, reply);
    if (st != STATUS_OK)
        return st;
    if (actor->person_id <= 0 || (!me.member && !me.facilitator))
        return answer(reply, STATUS_FORBIDDEN,
                      "Only the set's members and facilitator review a meeting.", false);
    if (blank(helped) && blank(learned_questioning))
        return malformed(reply, "Say what helped or what you learned about questioning.");
    long long id;
    if (store_member_review_set(db, mid, actor->person_id, helped ? helped : "",
                                learned_questioning ? learned_questioning : "", &id) != 0)
        return invalid(reply, "The review could not be saved (at most 4000 characters each).");
    return answer(reply, STATUS_OK, NULL, false);
}
