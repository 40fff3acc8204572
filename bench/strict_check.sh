#!/usr/bin/env bash
# Strict input as an outside client sees it: the status and error message of each case.
# Run by bench/outside-check; ARENA, TOKEN, DB and OUT come from there.
B=${ARENA:-http://127.0.0.1:7861}
TOKEN=${TOKEN:-}
id=$(curl -s -H 'Content-Type: application/json' -d '{"prompt":"Tell me something."}' $B/api/battles | sed 's/.*"id":"\([^"]*\)".*/\1/')
curl -s -N --max-time 5 $B/api/battles/$id/events > /dev/null
show() { printf '%-44s %s\n' "$1" "$(head -c 150 $OUT/r | head -n 1)"; }
c() { curl -s -o $OUT/r -w '%{http_code} ' "$@" > $OUT/code; }
c -H 'Content-Type: application/json' --data-binary '{"prompt":"hi"} x' $B/api/battles; show "trailing text: $(cat $OUT/code)"
c -H 'Content-Type: application/json' --data-binary '{"prompt":"hi","prompt":"there"}' $B/api/battles; show "duplicate keys: $(cat $OUT/code)"
printf '{"prompt":"caf\xe9"}' > $OUT/latin1; c -H 'Content-Type: application/json' --data-binary @$OUT/latin1 $B/api/battles; show "latin-1 bytes: $(cat $OUT/code)"
for a in -1 abc 1e3; do c "$B/api/battles/$id/events?after=$a"; show "events?after=$a: $(cat $OUT/code)"; done
c -H 'Last-Event-ID: abc' "$B/api/battles/$id/events"; show "Last-Event-ID: abc: $(cat $OUT/code)"
c "$B/api/battles/export?format=JSONL"; show "export?format=JSONL: $(cat $OUT/code)"
if [ -n "$TOKEN" ]; then
  c -H "Authorization: bearer $TOKEN" $B/api/admin/config; printf '%-44s\n' "admin with 'bearer': $(cat $OUT/code)"
  c -X POST -H "Authorization: Bearer $TOKEN" $B/api/admin/battles/AAAAAAAAAAAAAAAAAAAAAA/void; show "void unknown battle: $(cat $OUT/code)"
fi
printf 'battles in the log: %s\n' "$(sqlite3 ${DB:-$OUT/data/arena.db} 'select count(*) from battles' 2>/dev/null || echo '?')"
