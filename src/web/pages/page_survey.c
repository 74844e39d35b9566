/* The pulse survey for a participant (issue 8): GET /my/survey?wave=start|end shows the
 * programme's instrument as labelled radio groups with its source named; POST stores the answers
 * through survey_submit and shows back the person's own answers, never anyone else's. */
#include "web/http/web.h"

#include "app/surveys/survey.h"
#include "store/store_challenges.h"
#include "store/store_surveys.h"
#include "web/http/views.h"

#include <stdlib.h>
#include <string.h>

/* The first programme the viewer is a member of: 0 and *ID, 1 when none, -1 on error. */
static int my_programme(struct web_request *r, long long *id)
{
    json_t *all = view_programmes(r->db, &r->user);
    if (!all)
        return -1;
    size_t i;
    json_t *p;
    int rc = 1;
    json_array_foreach(all, i, p)
    {
        long long pid = json_integer_value(json_object_get(p, "id"));
        if (rc == 1 && r->user.person_id && store_is_member(r->db, pid, r->user.person_id) == 1) {
            *id = pid;
            rc = 0;
        }
    }
    json_decref(all);
    return rc;
}

static const char *wave_of(const char *w)
{
    return w && strcmp(w, "end") == 0 ? "end" : "start";
}

/* The instrument of WAVE: the wave's own once opened, else setwork's default. 0 or -1. */
static int wave_instrument(struct web_request *r, long long programme, const char *wave,
                           long long *instrument)
{
    long long wave_id;
    int rc = store_wave_find(r->db, programme, wave, &wave_id, instrument);
    if (rc == 1)
        rc = store_instrument_id(r->db, SURVEY_DEFAULT_INSTRUMENT, instrument);
    return rc == 0 ? 0 : -1;
}

static void own_answers(struct html *page, json_t *mine)
{
    size_t i;
    json_t *a;
    H(page, "<h2>Your answers</h2>\n<p class=\"hint\">Only you see these; the programme sees "
            "only totals over at least five people.</p>\n");
    if (json_array_size(mine) == 0) {
        H(page, "<p>You have not answered yet.</p>\n");
    } else {
        H(page, "<table class=\"answers\"><thead><tr><th scope=\"col\">Wave</th>"
                "<th scope=\"col\">Question</th><th scope=\"col\">Your answer</th></tr></thead>"
                "<tbody>\n");
        json_array_foreach(mine, i, a)
        {
            H(page, "<tr><td>");
            html_text(page, json_string_value(json_object_get(a, "wave")));
            H(page, "</td><td>");
            html_text(page, json_string_value(json_object_get(a, "text")));
            H(page, "</td><td>");
            html_int(page, json_integer_value(json_object_get(a, "value")));
            H(page, "</td></tr>\n");
        }
        H(page, "</tbody></table>\n");
    }
}

/* PERSON's earlier answer to item CODE in WAVE among MINE (their own answers), or
 * INSTRUMENT_NO_ANSWER, so that answering again starts from what they said. */
static long long earlier(json_t *mine, const char *wave, const char *code)
{
    size_t i;
    json_t *a;
    json_array_foreach(mine, i, a)
    {
        const char *w = json_string_value(json_object_get(a, "wave"));
        const char *c = json_string_value(json_object_get(a, "item"));
        if (w && c && code && strcmp(w, wave) == 0 && strcmp(c, code) == 0)
            return json_integer_value(json_object_get(a, "value"));
    }
    return INSTRUMENT_NO_ANSWER;
}

static void form(struct web_request *r, struct html *page, json_t *ins, const char *wave,
                 json_t *mine)
{
    size_t i, k;
    json_t *item, *pt;
    H(page, "<p class=\"source\">Source: ");
    html_text(page, json_string_value(json_object_get(ins, "source")));
    H(page, "</p>\n<form method=\"post\" action=\"/my/survey\">\n");
    html_csrf(page, r->csrf);
    H(page, "<input type=\"hidden\" name=\"wave\" value=\"");
    html_text(page, wave);
    H(page, "\">\n");
    json_array_foreach(json_object_get(ins, "items"), i, item)
    {
        H(page, "<fieldset><legend>");
        html_int(page, (long long)i + 1);
        H(page, ". ");
        html_text(page, json_string_value(json_object_get(item, "text")));
        H(page, "</legend>\n");
        long long before = earlier(mine, wave, json_string_value(json_object_get(item, "code")));
        json_array_foreach(json_object_get(ins, "points"), k, pt)
        {
            long long value = json_integer_value(json_object_get(pt, "value"));
            H(page, "<input type=\"radio\" id=\"q");
            html_int(page, (long long)i);
            H(page, "-");
            html_int(page, value);
            H(page, "\" name=\"q");
            html_int(page, (long long)i);
            H(page, "\" value=\"");
            html_int(page, value);
            if (value == before)
                H(page, "\" checked><label for=\"q");
            else
                H(page, "\"><label for=\"q");
            html_int(page, (long long)i);
            H(page, "-");
            html_int(page, value);
            H(page, "\">");
            html_text(page, json_string_value(json_object_get(pt, "label")));
            H(page, "</label>\n");
        }
        H(page, "</fieldset>\n");
    }
    H(page, "<button type=\"submit\">Save my answers</button>\n</form>\n");
}

/* Renders the survey page for WAVE with NOTICE (error when ERROR) above it. */
static void show(struct web_request *r, int status, const char *wave, const char *notice,
                 bool error)
{
    long long programme, instrument;
    int rc = my_programme(r, &programme);
    if (rc < 0) {
        web_error(r, 500, "Your programmes could not be read.");
        return;
    }
    struct html page = {0};
    struct html_viewer v = web_viewer(r);
    html_page_begin(&page,
                    strcmp(wave, "end") == 0 ? "Survey: end of the programme"
                                             : "Survey: start of the programme",
                    &v);
    if (notice)
        html_notice(&page, error, notice);
    H(&page, "<p class=\"actions\"><a href=\"/my/survey?wave=start\">Start of the programme</a> "
             "<a href=\"/my/survey?wave=end\">End of the programme</a></p>\n");
    struct instrument ins = {0};
    long long *items = NULL;
    if (rc == 1) {
        H(&page, "<p>You are not a member of a programme.</p>\n");
    } else if (wave_instrument(r, programme, wave, &instrument) != 0 ||
               store_instrument_load(r->db, instrument, &ins, &items) != 0) {
        H(&page, "<p>The survey could not be found.</p>\n");
    } else {
        json_t *j = survey_instrument_json(&ins);
        json_t *mine = view_survey_answers(r->db, programme, r->user.person_id);
        if (j)
            form(r, &page, j, wave, mine);
        own_answers(&page, mine);
        json_decref(j);
        json_decref(mine);
    }
    instrument_free(&ins);
    free(items);
    html_page_end(&page);
    web_html(r, status, &page);
    html_free(&page);
}

void page_my_survey(struct web_request *r)
{
    show(r, 200, wave_of(formdata_get(&r->query, "wave")), NULL, false);
}

void page_survey_submit(struct web_request *r)
{
    const char *wave = wave_of(formdata_get(&r->form, "wave"));
    long long programme, instrument;
    if (!r->user.person_id || my_programme(r, &programme) != 0) {
        web_error(r, 422, "Your account is not a participant in a programme.");
        return;
    }
    struct instrument ins = {0};
    long long *items = NULL;
    if (wave_instrument(r, programme, wave, &instrument) != 0 ||
        store_instrument_load(r->db, instrument, &ins, &items) != 0) {
        web_error(r, 500, "The survey could not be found.");
        return;
    }
    int *answers = calloc(ins.nitems + 1, sizeof *answers);
    size_t given = 0;
    for (size_t i = 0; answers && i < ins.nitems; i++) {
        struct strbuf sb = {0};
        sb_printf(&sb, "q%zu", i);
        const char *s = formdata_get(&r->form, sb.data ? sb.data : "");
        char *end = NULL;
        long val = s && *s ? strtol(s, &end, 10) : 0;
        answers[i] = s && *s && !*end ? (int)val : INSTRUMENT_NO_ANSWER;
        given += answers[i] != INSTRUMENT_NO_ANSWER;
        sb_free(&sb);
    }
    size_t n = ins.nitems;
    instrument_free(&ins);
    free(items);
    char *err = NULL;
    int rc = -1;
    if (answers && given == 0)
        rc = 2;
    else if (answers)
        rc = survey_submit(r->db, programme, r->user.person_id, wave, instrument, answers, n, &err);
    free(answers);
    if (rc == 0) {
        show(r, 200, wave, "Thank you: your answers are saved.", false);
    } else if (rc == 2) {
        show(r, 400, wave, "Nothing was saved: answer at least one question.", true);
    } else if (rc == 1) {
        char *msg = str_printf("Nothing was saved: %s.", err ? err : "the answers are not valid");
        show(r, 422, wave, msg, true);
        free(msg);
    } else {
        web_error(r, 500, "The answers could not be saved.");
    }
    free(err);
}
