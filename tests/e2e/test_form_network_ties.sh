#!/usr/bin/env bash
# Network survey ties count as "already know each other" when sets are formed: with only the
# 'new' weight, the one plan of 4 people in 2 sets of 2 that pairs no acquaintances wins.
source "$(dirname "$0")/lib.sh"
db="$SCRATCH/t.db"
sw() { "$SETWORK" --db "$db" "$@"; }
cat > "$SCRATCH/cohort.csv" <<'CSV'
name,email,department
Ada,a@x.org,One
Ben,b@x.org,One
Cy,c@x.org,One
Di,d@x.org,One
CSV
cat > "$SCRATCH/ties.csv" <<'CSV'
from_email,to_email,relation
a@x.org,d@x.org,knows
c@x.org,b@x.org,knows
a@x.org,b@x.org,knows
CSV
sw import "$SCRATCH/cohort.csv" --programme P > /dev/null
sw network import "$SCRATCH/ties.csv" --programme P --wave baseline > /dev/null
sw form --programme P --sets 2 --weights department=0,new=1 --seed 3 --json > "$SCRATCH/plan.json"
pairs=$(jq -r '[.sets[].members | sort | join("+")] | sort | join(" ")' "$SCRATCH/plan.json")
if [ "$pairs" = "a@x.org+c@x.org b@x.org+d@x.org" ]; then pass; else
  fail "expected the sets a+c and b+d, got: $pairs"
fi
known=$(jq '[.sets[].known_pairs] | add' "$SCRATCH/plan.json")
expect_status 0 "$known" "no set holds two people who know each other"
finish
