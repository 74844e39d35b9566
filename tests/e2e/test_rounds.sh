#!/usr/bin/env bash
# `setwork rounds` through the real binary on tests/e2e/cases/rounds/: JSON shape, perfect
# schedules, steering files with line-numbered errors, infeasible requests, the day's outputs
# (itinerary, cards, CSV) and re-planning from the CSV with a locked round.
source "$(dirname "$0")/lib.sh"
cases="$SETWORK_SOURCE_DIR/tests/e2e/cases/rounds"
db="$SCRATCH/t.db"
sw() { "$SETWORK" --db "$db" "$@"; }
status() { set +e; "$@" > "$SCRATCH/out" 2> "$SCRATCH/err"; s=$?; set -e; }

# Recomputes repeats from JSON output: every member once per round, and the number of pairs
# meeting more than once, independently of the binary.
check_json() { # FILE PEOPLE GROUP_SIZE
  jq -r --argjson n "$2" --argjson p "$3" '
    def pairs: [.[] as $t | $t[] as $a | $t[] as $b | select(($a|tostring) < ($b|tostring)) | [$a,$b]];
    ([.rounds[] | [.[][]] | length] | all(. == $n)) as $full
    | ([.rounds[] | [.[][]] | (unique|length) == length] | all) as $once
    | ([.rounds[][] | length] | all(. <= $p)) as $sizes
    | ([.rounds[] | pairs[]] | group_by(.) | map(select(length > 1)) | length) as $rep
    | if $full and $once and $sizes and $rep == .repeat_pairs then "ok \($rep)" else "bad" end' "$1"
}

# Affine plane 5-5-6: 25 people, perfect, JSON members are indices.
sw rounds --people 25 --group-size 5 --rounds 6 --json > "$SCRATCH/j"
expect_contains "$SCRATCH/j" '"repeat_pairs": 0' "5-5-6 perfect"
expect_contains "$SCRATCH/j" '"bound": 6' "5-5-6 bound"
expect_status "ok 0" "$(check_json "$SCRATCH/j" 25 5)" "5-5-6 recomputed"

# Kirkman 5-3-7 (the stored KTS(15)), under a fixed seed twice: same output.
sw rounds --people 15 --group-size 3 --rounds 7 --seconds 10 --seed 4 --json > "$SCRATCH/a"
sw rounds --people 15 --group-size 3 --rounds 7 --seconds 10 --seed 4 --json > "$SCRATCH/b"
expect_status "ok 0" "$(check_json "$SCRATCH/a" 15 3)" "5-3-7 perfect and recomputed"
if cmp -s "$SCRATCH/a" "$SCRATCH/b"; then pass; else fail "same seed, different schedule"; fi

# Beyond the bound: repeats reported, not hidden.
sw rounds --people 9 --group-size 3 --rounds 5 > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "9 pairs meet more than once" "3-3-5 repeats"
expect_contains "$SCRATCH/out" "Repeats are unavoidable" "beyond the bound said"

# People from a file with every steering file; members are emails.
sw rounds "$cases/people.csv" --group-size 4 --rounds 4 --apart "$cases/apart.csv" \
  --together "$cases/together.csv" --absent "$cases/absent.csv" --history "$cases/history.csv" \
  --mix department --json --seconds 3 > "$SCRATCH/j"
expect_contains "$SCRATCH/j" '"p01@example.org"' "emails in JSON"
n=$(jq '[.rounds[] | .[] | select(index("p01@example.org") and index("p02@example.org"))] | length' "$SCRATCH/j")
expect_status 0 "$n" "keep-apart honoured"
n=$(jq '[.rounds[] | .[] | select(index("p05@example.org") and index("p06@example.org"))] | length' "$SCRATCH/j")
expect_status 4 "$n" "keep-together honoured"
n=$(jq '[.rounds[1][][]] | index("p07@example.org")' "$SCRATCH/j")
expect_status null "$n" "absent person not seated"

# Attribute mixing with set formation's weights: four departments of four, tables of four.
sw rounds "$cases/people.csv" --group-size 4 --rounds 3 --mix department --seconds 3 > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "0 meetings at a table between people with the same department" "departments mixed"
status sw rounds "$cases/people.csv" --group-size 4 --rounds 3 --mix shoe_size
expect_status 1 $s "unknown mix column"
expect_contains "$SCRATCH/err" "no column 'shoe_size'" "unknown column named"

# The day's outputs and re-planning from the CSV.
sw rounds "$cases/people.csv" --group-size 4 --rounds 5 --csv "$SCRATCH/day.csv" > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "p01@example.org: round 1: table" "itinerary in the human output"
expect_contains "$SCRATCH/out" "Perfect: no pair meets more than once" "16-4-5 perfect"
expect_contains "$SCRATCH/day.csv" "email,name,round,table" "CSV header"
rows=$(($(wc -l < "$SCRATCH/day.csv") - 1))
expect_status 80 "$rows" "one CSV row per person per round"
sw rounds "$cases/people.csv" --group-size 4 --rounds 5 --cards > "$SCRATCH/cards" 2> "$SCRATCH/err"
expect_contains "$SCRATCH/cards" "Round 5              Table 4" "table cards"
expect_contains "$SCRATCH/cards" "Person 01 <p01@example.org>" "cards show names"
grep '^p[0-9]*@example.org,[^,]*,1,' "$SCRATCH/day.csv" > "$SCRATCH/lock.csv"
printf 'p11@example.org,3\n' > "$SCRATCH/gone.csv"
sw rounds "$cases/people.csv" --group-size 4 --rounds 5 --lock "$SCRATCH/lock.csv" \
  --absent "$SCRATCH/gone.csv" --csv "$SCRATCH/re.csv" --itinerary > "$SCRATCH/out" 2> "$SCRATCH/err"
r1a=$(grep ',1,' "$SCRATCH/day.csv" | sort); r1b=$(grep ',1,' "$SCRATCH/re.csv" | sort)
if [ "$r1a" = "$r1b" ]; then pass; else fail "locked round 1 changed"; fi
expect_contains "$SCRATCH/out" "round 3: absent" "absence in itinerary"

# Bad steering files: every problem with its line.
status sw rounds "$cases/people.csv" --group-size 4 --rounds 3 --apart "$cases/bad_apart.csv"
expect_status 1 $s "bad apart file"
expect_contains "$SCRATCH/err" "bad_apart.csv:2: 'nobody@example.org' is not one of the people" "unknown person with line"
expect_contains "$SCRATCH/err" "bad_apart.csv:3: give exactly two people" "one person with line"
status sw rounds "$cases/people.csv" --group-size 4 --rounds 3 --absent "$cases/bad_absent.csv"
expect_status 1 $s "bad absent file"
expect_contains "$SCRATCH/err" "bad_absent.csv:1: column 'round': '9' is not a round from 1 to 3" "round out of range"
expect_contains "$SCRATCH/err" "bad_absent.csv:2:" "second bad line"

# Infeasible requests.
status sw rounds "$cases/people.csv" --group-size 4 --rounds 3 --together "$cases/big_together.csv"
expect_status 1 $s "together group larger than a table"
expect_contains "$SCRATCH/err" "keep-together group of 5 people does not fit at tables of 4" "clear message"
status sw rounds --people 8 --group-size 4 --rounds 2 --apart "$cases/apart.csv"
expect_status 1 $s "emails with --people"
status sw rounds --people 8 --rounds 2
expect_status 2 $s "missing --group-size"
status sw rounds --people 8 --group-size 4 --rounds 2 "$cases/people.csv"
expect_status 2 $s "two sources of people"
status sw rounds --programme Nowhere --group-size 4 --rounds 2
expect_status 1 $s "unknown programme"

# 8-4-10, the original Social Golfer instance, perfect at the bound.
sw rounds --people 32 --group-size 4 --rounds 10 --json > "$SCRATCH/j"
expect_status "ok 0" "$(check_json "$SCRATCH/j" 32 4)" "8-4-10 perfect and recomputed"
expect_contains "$SCRATCH/j" '"bound": 10' "8-4-10 bound"

# Tables of 4 to 5 for 22 people: five tables, none under 4, none over 5.
sw rounds --people 22 --group-size 4-5 --rounds 3 --json > "$SCRATCH/j"
expect_status "ok" "$(check_json "$SCRATCH/j" 22 5 | cut -d' ' -f1)" "4-5 schedule recomputed"
expect_status "4 5 5" "$(jq -r '[.rounds[][] | length] | "\(min) \(max) \(length / 3)"' "$SCRATCH/j")" \
  "4-5 sizes"
status sw rounds --people 10 --group-size 4-4 --rounds 2
expect_status 1 $s "10 people at tables of exactly 4"
expect_contains "$SCRATCH/err" "round 1: 10 people present cannot sit at tables of 4 to 4" "range message"
status sw rounds --people 10 --group-size 5-4 --rounds 2
expect_status 2 $s "range backwards"

# A move budget: the same seed and budget give the same plan (a search instance, 5-4-6).
sw rounds --people 20 --group-size 4 --rounds 6 --iterations 200 --seed 3 --json > "$SCRATCH/a"
sw rounds --people 20 --group-size 4 --rounds 6 --iterations 200 --seed 3 --json > "$SCRATCH/b"
if cmp -s "$SCRATCH/a" "$SCRATCH/b"; then pass; else fail "same seed and --iterations, different plan"; fi
expect_contains "$SCRATCH/a" '"method": "local search"' "5-4-6 is a search"

# Keep-apart pairs that leave no room: three people apart, two tables.
printf '0,1\n0,2\n1,2\n' > "$SCRATCH/apart3.csv"
status sw rounds --people 6 --group-size 3 --rounds 2 --apart "$SCRATCH/apart3.csv"
expect_status 1 $s "three apart at two tables"
expect_contains "$SCRATCH/err" "people 0, 1 and 2 must all sit apart, but round 1 has only 2 tables" \
  "no-room message"

# A programme from the store.
sw import "$cases/people.csv" --programme Mixer > /dev/null
sw rounds --programme Mixer --group-size 4 --rounds 5 --json > "$SCRATCH/j"
expect_status "ok 0" "$(check_json "$SCRATCH/j" 16 4)" "programme schedule perfect"

# Issue 17: real events repaired from a perfect design, each output checked by the
# independent checker tests/e2e/rounds_check.py (sizes, absences, locks, keep-apart, repeats).
chk() { python3 "$SETWORK_SOURCE_DIR/tests/e2e/rounds_check.py" "$@"; }
sw rounds --people 32 --group-size 4 --rounds 10 --csv "$SCRATCH/golf.csv" > /dev/null
awk -F, 'NR == 1 || $3 <= 3' "$SCRATCH/golf.csv" > "$SCRATCH/played.csv"
sw rounds --people 32 --group-size 4 --rounds 10 --lock "$SCRATCH/played.csv" --json > "$SCRATCH/j"
expect_status "ok 0" "$(chk "$SCRATCH/j" --people 32 --size 4 --rounds 10 --lock "$SCRATCH/played.csv")" \
  "32-4-10 with 3 rounds locked: the design continued"
printf '0,1\n5,9\n' > "$SCRATCH/apart2.csv"
sw rounds --people 32 --group-size 4 --rounds 10 --apart "$SCRATCH/apart2.csv" --json > "$SCRATCH/j"
expect_status "ok 0" "$(chk "$SCRATCH/j" --people 32 --size 4 --rounds 10 --apart "$SCRATCH/apart2.csv")" \
  "32-4-10 with two keep-apart pairs: perfect"
expect_contains "$SCRATCH/j" '"optimal": true' "perfect is optimal"
for r in 4 5 6 7 8 9 10; do printf '30,%d\n31,%d\n' $r $r; done > "$SCRATCH/leave.csv"
sw rounds --people 32 --group-size 4 --rounds 10 --absent "$SCRATCH/leave.csv" --json > "$SCRATCH/j"
expect_status "ok 0" "$(chk "$SCRATCH/j" --people 32 --size 4 --rounds 10 --absent "$SCRATCH/leave.csv")" \
  "32-4-10 with 2 leavers after round 3: perfect"
sw rounds --people 37 --group-size 4-5 --rounds 8 --json > "$SCRATCH/j"
expect_status "ok 0" "$(chk "$SCRATCH/j" --people 37 --size 4-5 --rounds 8)" "37 at 4-5 for 8 rounds: perfect"
expect_contains "$SCRATCH/j" '"bound": 11' "37 at 4-5 bound (9 tables of 4-5 allowed)"
# 35 at 4-5: 7 tables of 5 have no 8-round design, 8 tables of 4-5 do (one leaver, one late).
printf '34,6\n34,7\n34,8\n33,1\n' > "$SCRATCH/away35.csv"
sw rounds --people 35 --group-size 4-5 --rounds 8 --absent "$SCRATCH/away35.csv" --json > "$SCRATCH/j"
expect_status "ok 0" "$(chk "$SCRATCH/j" --people 35 --size 4-5 --rounds 8 --absent "$SCRATCH/away35.csv")" \
  "35 at 4-5 for 8 rounds with a leaver and a late arrival: perfect at 8 tables"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["rounds"]; sys.exit(0 if all(len(x) == 8 for x in r) else 1)' "$SCRATCH/j" &&
  pass || fail "35 at 4-5: every round at 8 tables"
printf '3,1\n3,2\n17,1\n' > "$SCRATCH/late.csv"
sw rounds --people 30 --group-size 4 --rounds 9 --absent "$SCRATCH/late.csv" --json > "$SCRATCH/j"
expect_status "ok 0" "$(chk "$SCRATCH/j" --people 30 --size 4 --rounds 9 --absent "$SCRATCH/late.csv")" \
  "30 at 4 with late arrivals: perfect"
# Re-planning on the day from the programme's CSV, people by email, a lock and a leaver.
sw rounds "$cases/people.csv" --group-size 4 --rounds 5 --csv "$SCRATCH/day.csv" > /dev/null
awk -F, 'NR == 1 || $3 <= 2' "$SCRATCH/day.csv" > "$SCRATCH/lock2.csv"
printf 'p03@example.org,4\np03@example.org,5\n' > "$SCRATCH/gone.csv"
sw rounds "$cases/people.csv" --group-size 4 --rounds 5 --lock "$SCRATCH/lock2.csv" \
  --absent "$SCRATCH/gone.csv" --apart "$cases/apart.csv" --json > "$SCRATCH/j"
expect_status "ok" "$(chk "$SCRATCH/j" --people-csv "$cases/people.csv" --size 4 --rounds 5 \
  --lock "$SCRATCH/lock2.csv" --absent "$SCRATCH/gone.csv" --apart "$cases/apart.csv" | cut -d' ' -f1)" \
  "16-4-5 re-planned with 2 locked rounds, a leaver and keep-apart pairs"
# Past the bound the proven bound is said, and "optimal" only when reached.
sw rounds --people 32 --group-size 4 --rounds 11 --json > "$SCRATCH/j"
expect_status "32 true" "$(jq -r '"\(.least_repeats) \(.optimal)"' "$SCRATCH/j")" "8-4-11 optimal at 32"
expect_status "ok 32" "$(chk "$SCRATCH/j" --people 32 --size 4 --rounds 11)" "8-4-11 recomputed"
sw rounds --people 40 --group-size 4 --rounds 14 --iterations 3000 > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "at least 60 (proven)" "a bound not reached is said as a bound"
printf '5,1\n' > "$SCRATCH/h1.csv"
sw rounds --people 32 --group-size 4 --rounds 11 --history "$SCRATCH/h1.csv" --iterations 3000 > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "this is the fewest possible (proven lower bound: 33)" "bound with history"

# The bound counts new pairs that can never meet: a leaver after round 8 of 32 at 4 x 11 has 24
# seats for 31 people, so 30 repeats are proven unavoidable, and 30 is found.
for r in 9 10 11; do printf '31,%d\n' "$r"; done > "$SCRATCH/leave8.csv"
sw rounds --people 32 --group-size 4 --rounds 11 --absent "$SCRATCH/leave8.csv" --iterations 3000 \
  --json > "$SCRATCH/j"
expect_status "30 true" "$(jq -r '"\(.least_repeats) \(.optimal)"' "$SCRATCH/j")" \
  "32-4-11 with a leaver: bound 30, optimal"
expect_status "ok 30" "$(chk "$SCRATCH/j" --people 32 --size 4 --rounds 11 --absent "$SCRATCH/leave8.csv")" \
  "32-4-11 with a leaver recomputed"
# Rounds played from a renamed copy of the plan (person i listed as 5i+3 mod 32): the locked
# rounds are rounds of the design under another naming, found again and continued.
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } $3 <= 3 { $1 = ($1 * 5 + 3) % 32; print }' \
  "$SCRATCH/golf.csv" > "$SCRATCH/renamed.csv"
sw rounds --people 32 --group-size 4 --rounds 10 --lock "$SCRATCH/renamed.csv" --iterations 500 \
  --json > "$SCRATCH/j"
expect_status "ok 0" "$(chk "$SCRATCH/j" --people 32 --size 4 --rounds 10 --lock "$SCRATCH/renamed.csv")" \
  "32-4-10 locked from a renamed plan: the design continued"
# 60 at tables of 6 for 7 rounds (stored 10-6-7) with keep-apart pairs and two late arrivals.
printf '3,40\n7,8\n11,52\n20,21\n33,59\n' > "$SCRATCH/apart5.csv"
printf '58,1\n58,2\n59,1\n59,2\n' > "$SCRATCH/late2.csv"
sw rounds --people 60 --group-size 6 --rounds 7 --apart "$SCRATCH/apart5.csv" \
  --absent "$SCRATCH/late2.csv" --iterations 500 --json > "$SCRATCH/j"
expect_status "ok 0" "$(chk "$SCRATCH/j" --people 60 --size 6 --rounds 7 --apart "$SCRATCH/apart5.csv" \
  --absent "$SCRATCH/late2.csv")" "60-6-7 with keep-apart pairs and late arrivals: perfect"

finish
