#!/usr/bin/env bash
# `setwork form`: sets from a file and from a programme, every rule, collisions in words, JSON,
# reproducibility under a seed, --save and earlier plans counting as "already know".
source "$(dirname "$0")/lib.sh"
db="$SCRATCH/t.db"
sw() { "$SETWORK" --db "$db" "$@"; }

cat > "$SCRATCH/c.csv" <<'CSV'
name,email,organisation,department,location,gender,manager_email
Ann Boss,ann@a.org,Acme,Exec,Leeds,Female,
Bob Mid,bob@a.org,Acme,Sales,Leeds,Male,ann@a.org
Cat Low,cat@a.org,Acme,Sales,York,Female,bob@a.org
Dan One,dan@b.org,Beta,Ops,Hull,Male,
Eve Two,eve@b.org,Beta,Ops,Hull,Female,dan@b.org
Fay Three,fay@b.org,Beta,Finance,Leeds,Male,dan@b.org
Gus Four,gus@c.org,Core,IT,York,Male,
Hal Five,hal@c.org,Core,IT,York,Male,gus@c.org
Ivy Six,ivy@c.org,Core,HR,Hull,Female,gus@c.org
Jon Sev,jon@d.org,Delta,Legal,Leeds,Male,
Kim Ei,kim@d.org,Delta,Legal,York,Male,jon@d.org
Lee Ni,lee@d.org,Delta,HR,Hull,Male,jon@d.org
CSV

# Human output: sets, mixes, the certified gap; three sets of four from 12 people.
sw form "$SCRATCH/c.csv" --sets 3 --iterations 3000 > "$SCRATCH/out"
expect_contains "$SCRATCH/out" "Set 1 (4 people):" "first set"
expect_contains "$SCRATCH/out" "Set 3 (4 people):" "third set"
expect_contains "$SCRATCH/out" "organisations, " "mix line"
expect_contains "$SCRATCH/out" "pairs who already know each other" "known pairs in the mix"
expect_contains "$SCRATCH/out" "3 sets for 12 people; score" "totals"

# JSON: every member once, nobody with their line manager, score within the bound.
sw form "$SCRATCH/c.csv" --sets 3 --iterations 3000 --json > "$SCRATCH/a.json"
n=$(jq '[.sets[].members[]] | unique | length' "$SCRATCH/a.json")
expect_status 12 "$n" "every member placed once"
ok=$(jq '.objective <= .upper_bound + 1e-9 and (.gap >= 0)' "$SCRATCH/a.json")
expect_status true "$ok" "objective within the upper bound"
same() { jq -r --arg a "$1" --arg b "$2" \
  '[.sets[] | select((.members | index($a)) and (.members | index($b)))] | length' "$3"; }
for pair in "ann@a.org bob@a.org" "bob@a.org cat@a.org" "dan@b.org eve@b.org" "gus@c.org hal@c.org" "jon@d.org kim@d.org"; do
  expect_status 0 "$(same $pair "$SCRATCH/a.json")" "line manager apart: $pair"
done

# Reproducible under a seed with an iteration budget.
sw form "$SCRATCH/c.csv" --sets 3 --iterations 3000 --json > "$SCRATCH/b.json"
if cmp -s <(jq -c .sets "$SCRATCH/a.json") <(jq -c .sets "$SCRATCH/b.json"); then pass; else fail "same seed, different sets"; fi

# --chain 2 keeps ann and cat (two levels) apart too; rule files hold.
printf 'email_a,email_b\nfay@b.org,ivy@c.org\n' > "$SCRATCH/apart.csv"
printf 'lee@d.org,eve@b.org\n' > "$SCRATCH/together.csv"
printf 'email,set\nkim@d.org,2\n' > "$SCRATCH/pin.csv"
sw form "$SCRATCH/c.csv" --sets 3 --chain 2 --apart "$SCRATCH/apart.csv" --together "$SCRATCH/together.csv" \
  --pin "$SCRATCH/pin.csv" --iterations 3000 --json > "$SCRATCH/r.json"
expect_status 0 "$(same ann@a.org cat@a.org "$SCRATCH/r.json")" "--chain 2"
expect_status 0 "$(same fay@b.org ivy@c.org "$SCRATCH/r.json")" "--apart"
expect_status 1 "$(same lee@d.org eve@b.org "$SCRATCH/r.json")" "--together"
pinned=$(jq -r '.sets[1].members | index("kim@d.org") != null' "$SCRATCH/r.json")
expect_status true "$pinned" "--pin to set 2"

# --no-isolate gender: no set with a single woman.
sw form "$SCRATCH/c.csv" --sets 3 --no-isolate gender --iterations 3000 --json > "$SCRATCH/i.json"
expect_status 0 "$(jq .isolated "$SCRATCH/i.json")" "--no-isolate"

# Collisions are explained and exit 1.
printf 'ann@a.org,2\nbob@a.org,2\n' > "$SCRATCH/pin2.csv"
set +e
sw form "$SCRATCH/c.csv" --sets 3 --pin "$SCRATCH/pin2.csv" 2> "$SCRATCH/err"; s=$?
set -e
expect_status 1 $s "pinned with the line manager"
expect_contains "$SCRATCH/err" "bob@a.org and ann@a.org must be kept apart, but both are pinned to Set 2" "pin collision in words"
printf 'ann@a.org,bob@a.org\n' > "$SCRATCH/tog2.csv"
set +e
sw form "$SCRATCH/c.csv" --sets 3 --together "$SCRATCH/tog2.csv" 2> "$SCRATCH/err"; s=$?
set -e
expect_status 1 $s "together with the line manager"
expect_contains "$SCRATCH/err" "must be kept apart, but keep-together rules join them" "together collision"
set +e
sw form "$SCRATCH/c.csv" --sets 5 --chain 3 2> "$SCRATCH/err" >/dev/null; s=$?
sw form "$SCRATCH/c.csv" --size 5-5 2> "$SCRATCH/err2"; s2=$?
sw form "$SCRATCH/c.csv" --sets 3 --weights shoe=2 2> "$SCRATCH/err3"; s3=$?
sw form "$SCRATCH/c.csv" --sets 3 --pin "$SCRATCH/apart.csv" 2> "$SCRATCH/err4"; s4=$?
set -e
expect_status 0 $s "a chain of three levels fits five sets"
expect_status 1 $s2 "sizes that cannot fit"
expect_contains "$SCRATCH/err2" "12 people cannot be split into sets of 5 to 5" "sizes in words"
expect_status 1 $s3 "unknown weight"
expect_contains "$SCRATCH/err3" "'shoe', which is not a column" "unknown weight named"
expect_status 1 $s4 "bad pin file"
expect_contains "$SCRATCH/err4" "is pinned to 'ivy@c.org'" "bad pin named"

# A programme: --save stores the plan; the next plan avoids pairs who already met.
sw import "$SCRATCH/c.csv" --programme Pilot > /dev/null
sw form --programme Pilot --sets 3 --iterations 3000 --save first --json > "$SCRATCH/p1.json"
expect_status 0 "$(jq '[.sets[].known_pairs] | add' "$SCRATCH/p1.json")" "no history at first"
sw form --programme Pilot --sets 3 --iterations 3000 --save second --json > "$SCRATCH/p2.json"
met=$(jq '[.sets[].known_pairs] | add' "$SCRATCH/p2.json")
if [ "$met" -le 3 ]; then pass; else fail "second plan repeats $met pairs"; fi
if cmp -s <(jq -c .sets "$SCRATCH/p1.json") <(jq -c .sets "$SCRATCH/p2.json"); then fail "second plan repeats the first"; else pass; fi
set +e
sw form --programme Pilot --sets 3 --iterations 100 --save first 2> "$SCRATCH/err"; s=$?
set -e
expect_status 1 $s "plan names are unique"
expect_contains "$SCRATCH/err" "already has a plan of that name" "duplicate plan named"
rows=$(sqlite3 "$db" "SELECT count(*) FROM set_members JOIN sets ON sets.id = set_id JOIN set_plans p ON p.id = plan_id WHERE p.name = 'first'")
expect_status 12 "$rows" "saved members"
finish
