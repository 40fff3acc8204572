# An outside client asks: can the public endpoints tell which models an unvoted battle uses?
# Run by bench/outside-check against an arena started with the README's command.
import json, os, re, time, urllib.request, http.cookiejar
B = os.environ.get("ARENA", "http://127.0.0.1:7861")
jar = http.cookiejar.CookieJar()
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def get(p):
    return op.open(B + p).read().decode()
def post(p, body):
    r = urllib.request.Request(B + p, json.dumps(body).encode(), {"Content-Type": "application/json"})
    return json.loads(op.open(r).read())
def battle():
    i = post("/api/battles", {"prompt": "Tell me something."})["id"]
    s = get(f"/api/battles/{i}/events")  # the stream ends after its end event
    assert '"status":"ready"' in s, s[-200:]
    return i
def per_model():
    facts = {}
    for line in get("/metrics").splitlines():
        m = re.search(r'model="([^"]+)"', line)
        if m and not line.startswith("#"):
            facts.setdefault(m.group(1), []).append(line)
    for board in ("/api/leaderboard", "/api/leaderboard/elo", "/api/leaderboard/bt"):
        for row in json.loads(get(board))["rows"]:
            facts.setdefault(row["model"], []).append(board + json.dumps(row["speed"]) + str(row["battles"]))
    for m in json.loads(get("/api/models"))["models"]:
        facts.setdefault(m["tag"], []).append(json.dumps([m["battles"], m["last_error"]]))
    return facts
def changed(a, b):
    return sorted(m for m in set(a) | set(b) if a.get(m) != b.get(m))
def whole():
    out = {}
    for p in ("/api/arena", "/api/models", "/api/leaderboard", "/api/leaderboard/elo", "/api/leaderboard/bt",
              "/api/leaderboard/matrix", "/api/leaderboard/elo/history", "/api/leaderboard/head-to-head", "/api/battles/export"):
        out[p] = get(p)
    out["/metrics model series"] = sorted(l for l in get("/metrics").splitlines() if 'model="' in l and not l.startswith("#"))
    return out

warm = battle(); time.sleep(2.2); post(f"/api/battles/{warm}/vote", {"winner": "a"}); time.sleep(1.5)
s0, f0 = whole(), per_model()
x = battle()
s1, f1 = whole(), per_model()
print("public responses that changed when a battle reached ready:", [k for k in s0 if s0[k] != s1[k]] or "none")
y = battle(); time.sleep(2.2); ry = post(f"/api/battles/{y}/vote", {"winner": "b"}); time.sleep(1.5)
f2 = per_model()
revealed_y = sorted([ry["models"]["a"]["tag"], ry["models"]["b"]["tag"]])
print("models whose public figures moved after someone else's vote:", changed(f1, f2), "- that vote revealed", revealed_y)
time.sleep(1.0)
rx = post(f"/api/battles/{x}/vote", {"winner": "tie"}); time.sleep(1.5)
f3 = per_model()
print("after the blind battle's own vote, moved:", changed(f2, f3), "- it revealed",
      sorted([rx["models"]["a"]["tag"], rx["models"]["b"]["tag"]]), "counted:", rx["counted"])
