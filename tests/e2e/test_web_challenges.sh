#!/usr/bin/env bash
# The participant pages of issue 8: my challenges (with anonymous themes) and the pulse survey.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/web_lib.sh"
demo_db "$SCRATCH/db"
start_server "$SCRATCH/db"
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
admin="$SCRATCH/jar.admin"
login "$admin" admin@demo.example >/dev/null
curl -s -b "$admin" "$URL/programmes/1/sets.csv" >"$SCRATCH/sets.csv"
myset=$(grep -F ",$PARTICIPANT," "$SCRATCH/sets.csv" | cut -d, -f1)
author_name=$(grep -F ",$PARTICIPANT," "$SCRATCH/sets.csv" | cut -d, -f3)
# Three people of other sets write about the same thing, shared with the cohort.
grep -v "^$myset," "$SCRATCH/sets.csv" | tail -n +2 | cut -d, -f4 | sed -n '1,3p' >"$SCRATCH/others.txt"
[ "$(wc -l <"$SCRATCH/others.txt")" = 3 ] || fail "fewer than three people outside the set"
{
  echo "email,title,body,visibility,consent"
  while read -r e; do
    echo "$e,Delegating work to my team,I find delegating work to my team hard and keep doing it myself,cohort,yes"
  done <"$SCRATCH/others.txt"
} >"$SCRATCH/challenges.csv"
"$SETWORK" --db "$SCRATCH/db" challenges import "$SCRATCH/challenges.csv" --programme Demo >/dev/null &&
  pass || fail "challenge import"

part="$SCRATCH/jar.part"
login "$part" "$PARTICIPANT" >/dev/null
token=$(page_csrf "$part")
code=$(status "$part" POST /my/challenges --data-urlencode "csrf=$token" --data-urlencode programme=1 \
  --data-urlencode "title=Delegating to my team" \
  --data-urlencode "body=Delegating work to my team is hard; I keep doing the work myself" \
  --data-urlencode visibility=cohort --data-urlencode consent=yes)
[ "$code" = 303 ] && pass || fail "saving a cohort challenge: $code"
code=$(status "$part" POST /my/challenges --data-urlencode "csrf=$token" --data-urlencode programme=1 \
  --data-urlencode "title=" --data-urlencode "body=no title" --data-urlencode visibility=cohort)
[ "$code" = 422 ] && pass || fail "a challenge without a title: $code"
grep -q 'Nothing was saved' "$SCRATCH/last.body" && pass || fail "no clear message for a refused challenge"
grep -q 'no title' "$SCRATCH/last.body" && fail "the refused challenge was saved" || pass
code=$(status "$part" POST /my/challenges --data-urlencode "csrf=$token" --data-urlencode programme=1 \
  --data-urlencode "title=Bad visibility" --data-urlencode visibility=everyone)
[ "$code" = 400 ] && pass || fail "an unknown visibility: $code"
"$SETWORK" --db "$SCRATCH/db" challenges themes --programme Demo >/dev/null && pass || fail "themes"

code=$(curl -s -o "$SCRATCH/mine.html" -w '%{http_code}' -b "$part" "$URL/my/challenges")
[ "$code" = 200 ] && pass || fail "my challenges: $code"
tidy -errors -quiet "$SCRATCH/mine.html" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "challenges page: $(cat "$SCRATCH/tidy.txt")"
grep -q 'Delegating to my team' "$SCRATCH/mine.html" && pass || fail "the author does not see their challenge"
grep -q 'the cohort, anonymously' "$SCRATCH/mine.html" && pass || fail "the visibility is not shown"
grep -q '3 others in this cohort are working on something close to this' "$SCRATCH/mine.html" &&
  pass || fail "the author is not told about the others"
grep -q 'Bad visibility' "$SCRATCH/mine.html" && fail "a challenge with a bad visibility was saved" || pass

# Another participant, outside the author's set, sees the theme but never who wrote what.
other=$(head -1 "$SCRATCH/others.txt")
"$SETWORK" --db "$SCRATCH/db" users add "$other" --role participant --password setwork-demo >/dev/null
jar2="$SCRATCH/jar.other"
login "$jar2" "$other" >/dev/null
curl -s -o "$SCRATCH/theirs.html" -b "$jar2" "$URL/my/challenges"
grep -q 'others in this cohort are working on something close to this' "$SCRATCH/theirs.html" &&
  pass || fail "the other participant is not told about the theme"
grep -q 'keep doing the work myself' "$SCRATCH/theirs.html" && pass || fail "the consented excerpt is not shown"
grep -qF "$PARTICIPANT" "$SCRATCH/theirs.html" && fail "the author's email leaked" || pass
grep -qF "$author_name" "$SCRATCH/theirs.html" && fail "the author's name leaked" || pass
while read -r e; do
  [ "$e" = "$other" ] && continue
  grep -qF "$e" "$SCRATCH/theirs.html" && fail "another author's email leaked: $e" || pass
done <"$SCRATCH/others.txt"

# The survey: labelled radio groups, answers stored and shown back to their author alone.
code=$(curl -s -o "$SCRATCH/survey.html" -w '%{http_code}' -b "$part" "$URL/my/survey?wave=start")
[ "$code" = 200 ] && pass || fail "survey page: $code"
tidy -errors -quiet "$SCRATCH/survey.html" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "survey page: $(cat "$SCRATCH/tidy.txt")"
grep -q 'Source: ' "$SCRATCH/survey.html" && pass || fail "the survey does not name its source"
grep -q '<legend>1\. ' "$SCRATCH/survey.html" && pass || fail "the survey has no labelled radio groups"
n=$(grep -o 'name="q[0-9]*"' "$SCRATCH/survey.html" | sort -u | wc -l)
[ "$n" -ge 3 ] && pass || fail "the survey has $n questions"
args=()
for i in $(seq 0 $((n - 1))); do args+=(--data-urlencode "q$i=2"); done
code=$(status "$part" POST /my/survey --data-urlencode "csrf=$token" --data-urlencode wave=start "${args[@]}")
[ "$code" = 200 ] && pass || fail "survey submit: $code"
grep -q 'your answers are saved' "$SCRATCH/last.body" && pass || fail "no confirmation"
tidy -errors -quiet "$SCRATCH/last.body" >"$SCRATCH/tidy.txt" 2>&1 && pass || fail "survey answers page: $(cat "$SCRATCH/tidy.txt")"
checked=$(grep -c 'value="2" checked' "$SCRATCH/last.body")
[ "$checked" = "$n" ] && pass || fail "expected $n earlier answers checked, got $checked"
rows=$(sed -n '/<table class="answers">/,/<\/table>/p' "$SCRATCH/last.body" | grep -c '<th scope="row">')
[ "$rows" = "$n" ] && pass || fail "expected $n answers shown back, got $rows"
# Answers read as the instrument's words, not numbers; the end wave is still to come.
label2=$(grep -o '<input type="radio" id="q0-2"[^>]*><label for="q0-2">[^<]*' "$SCRATCH/last.body" | sed 's/.*>//')
[ -n "$label2" ] && pass || fail "no label for the answer 2"
sed -n '/<table class="answers">/,/<\/table>/p' "$SCRATCH/last.body" > "$SCRATCH/answers.html"
expect_contains "$SCRATCH/answers.html" "<td>$label2</td><td><span class=\"meta\">not answered</span></td>" \
  "answers shown by label, the end wave not yet answered"
# A partial answer is flagged before anything is saved, and keeps what was chosen.
code=$(status "$part" POST /my/survey --data-urlencode "csrf=$token" --data-urlencode wave=end --data-urlencode q0=3)
[ "$code" = 422 ] && pass || fail "a partial answer: $code"
expect_contains "$SCRATCH/last.body" "you have not answered questions 2" "says which are missing"
expect_contains "$SCRATCH/last.body" 'id="q0-3" name="q0" value="3" checked' "keeps the choice"
expect_contains "$SCRATCH/last.body" 'name="partial_ok" value="1"' "the next save keeps the gaps"
[ "$(sqlite3 "$SCRATCH/db" "SELECT COUNT(*) FROM survey_answers a JOIN survey_waves w ON w.id = a.wave_id
   JOIN users u ON u.person_id = a.person_id WHERE w.name = 'end' AND u.email = '$PARTICIPANT'")" = 0 ] \
  && pass || fail "nothing saved before confirming"
code=$(status "$part" POST /my/survey --data-urlencode "csrf=$token" --data-urlencode wave=end \
  --data-urlencode q0=3 --data-urlencode partial_ok=1)
[ "$code" = 200 ] && pass || fail "a partial answer confirmed: $code"
sed -n '/<table class="answers">/,/<\/table>/p' "$SCRATCH/last.body" > "$SCRATCH/answers.html"
expect_contains "$SCRATCH/answers.html" "<td>+1 point</td>" "the person sees their own change"
code=$(status "$part" POST /my/survey --data-urlencode "csrf=$token" --data-urlencode wave=start \
  --data-urlencode q0=99 --data-urlencode partial_ok=1)
[ "$code" = 422 ] && pass || fail "an out-of-range answer: $code"
curl -s -o "$SCRATCH/survey2.html" -b "$jar2" "$URL/my/survey?wave=start"
grep -q 'You have not answered yet' "$SCRATCH/survey2.html" && pass || fail "another participant sees answers"
grep -q '<table class="answers">' "$SCRATCH/survey2.html" && fail "another person's answers leaked" || pass
grep -q 'checked>' "$SCRATCH/survey2.html" && fail "another person's answers are pre-selected" || pass
cp "$SCRATCH/mine.html" "${SETWORK_BUILD_DIR:-/tmp}/challenges-page.html" 2>/dev/null || true
finish
