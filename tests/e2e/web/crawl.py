#!/usr/bin/env python3
"""The privacy crawler (issue 14), run by tests/e2e/test_web_crawl.sh.

  crawl.py plant DB MARKERS          plants each marker of MARKERS (crawl_markers.tsv) in DB
  crawl.py crawl URL DB ROUTES_C COVERAGE MARKERS
  crawl.py urls DB ROUTES_C COVERAGE  prints the GET routes with the paths to request them by as
                                     JSON (the browser quality test, tests/browser/test_quality.mjs)

crawl logs in as admin, the facilitator of sets 1 and 2 (facA), a participant of set 1 (partA),
a participant of set 5 (partB) and nobody (anon); requests every GET route of the route table
(ROUTES_C) with the ids of COVERAGE (crawl_routes.tsv: a route missing there fails), then follows
every same-site link and image of every HTML answer. In every answer (HTML, JSON, SVG, CSV, ICS,
text) it asserts: no person's email but the viewer's own (admins excepted), no marker outside
its audience, and no theme or survey figure below k = 3 people. Prints "ok:"/"FAIL:" lines."""
import html
import http.client
import json
import re
import sqlite3
import sys
import time
import urllib.parse

ROLES = ["anon", "admin", "facA", "partA", "partB"]
PASSWORD = "setwork-demo"
K = 3
MAX_PER_ROLE = 900
PER_SHAPE = 4


def ids_of(db):
    """The placeholders of crawl_markers.tsv and the ids the crawl uses, from the demo DB."""
    q = lambda sql: [r[0] for r in db.execute(sql)]
    a = q("SELECT person_id FROM users WHERE role = 'participant' ORDER BY id")[0]
    set5 = q("SELECT person_id FROM set_members WHERE set_id = 5 ORDER BY person_id")
    b = (q("SELECT u.person_id FROM users u JOIN set_members m ON m.person_id = u.person_id "
           "WHERE m.set_id = 5") or set5)[0]
    mate = q(f"SELECT person_id FROM set_members WHERE set_id = 1 AND person_id <> {a} ORDER BY person_id")[0]
    s5 = [p for p in set5 if p != b][0]
    m1 = q("SELECT id FROM meetings WHERE set_id = 1 ORDER BY starts_at LIMIT 1")[0]
    m5 = q("SELECT id FROM meetings WHERE set_id = 5 ORDER BY starts_at LIMIT 1")[0]
    p1 = q(f"SELECT id FROM presentations WHERE meeting_id = {m1} ORDER BY id LIMIT 1")[0]
    p5 = q(f"SELECT id FROM presentations WHERE meeting_id = {m5} ORDER BY id LIMIT 1")[0]
    cs = q("SELECT c.id FROM challenges c WHERE c.visibility = 'cohort' AND c.consent = 1 AND "
           "c.person_id NOT IN (SELECT person_id FROM set_members WHERE set_id IN (1, 5)) "
           "ORDER BY c.id LIMIT 2")
    return {"A": a, "MATE": mate, "B": b, "S5": s5, "M1": m1, "M5": m5, "P1": p1, "P5": p5,
            "C1": cs[0], "C2": cs[1]}


def read_markers(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        marker, audience, sql = line.rstrip("\n").split("\t")
        roles = set() if audience == "-" else set(audience.split(","))
        out.append((marker, {r for r in roles if not r.startswith("~")},
                    {r.lstrip("~") for r in roles}, sql))
    return out


def plant(db_path, markers_path):
    db = sqlite3.connect(db_path)
    ids = ids_of(db)
    for marker, _, _, sql in read_markers(markers_path):
        for k, v in ids.items():
            sql = sql.replace("{%s}" % k, str(v))
        db.executescript(sql)
        db.commit()
    db.close()


class Client:
    """One role's keep-alive connection with its cookies (pages) and its API token."""

    def __init__(self, url, role, email):
        u = urllib.parse.urlparse(url)
        self.host, self.port = u.hostname, u.port
        self.role, self.email = role, email
        self.cookies, self.token, self.conn = {}, None, None

    def request(self, method, path, body=None, api=False):
        headers = {"Host": "%s:%d" % (self.host, self.port)}
        if api and self.token:
            headers["Authorization"] = "Bearer " + self.token
        elif self.cookies:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                for h, v in resp.getheaders():
                    if h.lower() == "set-cookie":
                        name, _, rest = v.partition("=")
                        value = rest.split(";")[0]
                        if value:
                            self.cookies[name] = value
                        else:
                            self.cookies.pop(name, None)
                if resp.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return resp.status, resp.getheader("Content-Type", ""), data
            except (http.client.HTTPException, OSError):
                if self.conn:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise

    def csrf(self, path):
        _, _, page = self.request("GET", path)
        m = re.search(rb'name="csrf" value="([^"]*)"', page)
        return m.group(1).decode() if m else ""

    def login(self):
        token = self.csrf("/login")
        status, _, _ = self.request("POST", "/login", {"csrf": token, "email": self.email,
                                                       "password": PASSWORD})
        if status != 303:
            raise SystemExit("FAIL: login as %s (%s): %d" % (self.role, self.email, status))
        _, _, page = self.request("POST", "/account/tokens",
                                  {"csrf": self.csrf("/account"), "name": "crawler"})
        m = re.search(rb'<code class="secret">([^<]*)', page)
        self.token = m.group(1).decode() if m else None


EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
OTHERS = re.compile(rb"(\d+) others? in this cohort")
LINK = re.compile(rb'(?:href|src)="(/[^"#]*)"')


def k_problems(value, where="$"):
    """Objects of a JSON answer that report a theme or a survey figure for fewer than K people."""
    out = []
    if isinstance(value, dict):
        def n(key):
            v = value.get(key)
            return v if isinstance(v, int) and not isinstance(v, bool) else None
        if "label" in value and n("people") is not None and n("people") < K:
            out.append("%s: a theme of %d people" % (where, n("people")))
        means = [value.get(k) for k in ("start_mean", "end_mean", "mean_change", "mean", "d_z")]
        if any(m is not None for m in means):
            for key in ("paired", "complete", "n"):
                if n(key) is not None and n(key) < K:
                    out.append("%s: a mean over %d people (%s)" % (where, n(key), key))
        for k, v in value.items():
            out += k_problems(v, where + "." + k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += k_problems(v, "%s[%d]" % (where, i))
    return out


def read_routes(routes_c, coverage_path):
    """The GET routes of ROUTES_C, the id kinds of COVERAGE for each, and the problems (a route
    without a row, a row without a route)."""
    routes = re.findall(r'\{WEB_GET, "([^"]+)"', open(routes_c, encoding="utf-8").read())
    coverage, problems = {}, []
    for line in open(coverage_path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        pattern, kinds = line.rstrip("\n").split("\t")
        coverage[pattern] = [] if kinds == "-" else kinds.split()
    for r in routes:
        if r not in coverage:
            problems.append("GET %s has no row in crawl_routes.tsv (say which ids to crawl it with)" % r)
    for r in coverage:
        if r not in routes:
            problems.append("crawl_routes.tsv names %s, which is no GET route" % r)
    return routes, coverage, problems


def expand(routes, coverage, choices, specials):
    """[(pattern, paths)]: each route with its #s replaced by every combination of CHOICES of
    its kinds (SPECIALS gives the paths of a route outright)."""
    out = []
    for pattern in routes:
        if pattern in specials:
            out.append((pattern, specials[pattern]))
            continue
        expanded = [pattern]
        for kind in coverage.get(pattern, []):
            nxt = []
            for p in expanded:
                for v in choices[kind]:
                    nxt.append(p.replace("#", str(v), 1))
            expanded = nxt
        out.append((pattern, [p for p in expanded if "#" not in p]))
    return out


def choices_of(db, ids):
    """The ids each kind of # is crawled with: ones the viewer should reach, ones they should
    not (another set's) and one that does not exist."""
    waves = [r[0] for r in db.execute("SELECT DISTINCT programme_id FROM network_waves")]
    plans = [r[0] for r in db.execute("SELECT id FROM set_plans")]
    return {
        "programme": [1, 2, 999], "plan": plans + [999],
        "person": [ids["A"], ids["MATE"], ids["B"], ids["S5"], 999999],
        "set": [1, 2, 5, 999999], "meeting": [ids["M1"], ids["M5"], 999999],
        "presentation": [ids["P1"], ids["P5"], 999999], "event": [1, 999],
        "wave": waves + [999],
    }


def urls(db_path, routes_c, coverage_path):
    """Prints {"problems": [...], "routes": [{"pattern", "paths"}]} for the GET routes."""
    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    choices = choices_of(db, ids_of(db))
    db.close()
    routes, coverage, problems = read_routes(routes_c, coverage_path)
    out = [{"pattern": p, "paths": ps} for p, ps in expand(routes, coverage, choices, {})]
    print(json.dumps({"problems": problems, "routes": out}))
    return 0


def crawl(url, db_path, routes_c, coverage_path, markers_path):
    started = time.time()
    failures = []
    fail = lambda msg: failures.append(msg)
    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    ids = ids_of(db)
    emails = {r[0].lower().encode() for r in db.execute("SELECT email FROM people UNION SELECT email FROM users")}
    email_of = {"admin": "admin@demo.example", "facA": "facilitator@demo.example",
                "partA": db.execute("SELECT email FROM people WHERE id = ?", (ids["A"],)).fetchone()[0],
                "partB": db.execute("SELECT email FROM people WHERE id = ?", (ids["B"],)).fetchone()[0]}
    choices = choices_of(db, ids)
    db.close()
    markers = read_markers(markers_path)

    routes, coverage, problems = read_routes(routes_c, coverage_path)
    for p in problems:
        fail(p)

    clients = {}
    for role in ROLES:
        c = Client(url, role, email_of.get(role))
        if role != "anon":
            c.login()
        else:
            c.request("GET", "/login")
        clients[role] = c
    _, _, page = clients["partA"].request("POST", "/account/calendar",
                                          {"csrf": clients["partA"].csrf("/account")})
    feed = re.search(rb"/calendar/[0-9a-f]+\.ics", page)
    feed = feed.group(0).decode() if feed else "/calendar/none.ics"

    specials = {"/static/*": ["/static/style.css", "/static/app.js", "/static/nothing.css"],
                "/calendar/*": [feed, "/calendar/nothing.ics"]}
    paths = [p for _, ps in expand(routes, coverage, choices, specials) for p in ps]

    seen_markers = {m[0]: set() for m in markers}
    requests = 0
    statuses = {}
    for role in ROLES:
        c = clients[role]
        queue = list(paths)
        done, queued, shapes = set(), set(paths), {}
        while queue and len(done) < MAX_PER_ROLE:
            path = queue.pop(0)
            if path in done:
                continue
            done.add(path)
            status, ctype, body = c.request("GET", path, api=path.startswith("/api/"))
            requests += 1
            statuses[(role, path)] = status
            where = "GET %s as %s" % (path, role)
            if status >= 500:
                fail("%s: %d" % (where, status))
            # Emails: only the viewer's own, except for admins.
            if role != "admin":
                for e in set(EMAIL.findall(body)):
                    e = e.lower()
                    if e in emails and e != (c.email or "").lower().encode():
                        fail("%s: another person's email %s" % (where, e.decode()))
            for marker, _, audience, _ in markers:
                if marker.encode() in body:
                    seen_markers[marker].add(role)
                    if role not in audience:
                        fail("%s: marker %s outside its audience" % (where, marker))
            for m in OTHERS.findall(body):
                if int(m) < K - 1:
                    fail("%s: a theme told of %s other(s)" % (where, m.decode()))
            if "json" in ctype and body.strip():
                try:
                    for p in k_problems(json.loads(body)):
                        fail("%s: %s" % (where, p))
                except ValueError:
                    fail("%s: not JSON" % where)
            if "html" in ctype:
                for link in LINK.findall(body):
                    link = html.unescape(link.decode())
                    # Links of one shape (the same path with other ids, other query values) are
                    # followed a few times: 200 people's pages teach no more than three.
                    shape = re.sub(r"/[0-9]+", "/#", link.split("?")[0])
                    if "logout" in link or link in done or link in queued:
                        continue
                    if shapes.get(shape, 0) >= PER_SHAPE:
                        continue
                    shapes[shape] = shapes.get(shape, 0) + 1
                    queued.add(link)
                    queue.append(link)
        if queue:
            fail("%s: more than %d pages to crawl" % (role, MAX_PER_ROLE))
        print("ok: %s crawled %d addresses" % (role, len(done)))

    # The crawl reached the records: each marker with a definite audience was seen by it.
    for marker, must, _, _ in markers:
        if must and not (seen_markers[marker] & must):
            fail("marker %s was seen by none of %s: the crawl did not reach it" % (marker, sorted(must)))
    # And it reached the pages: each signed-in role got 200s for someone else's objects' refusals.
    for role in ROLES:
        if not any(s == 200 for (r, _), s in statuses.items() if r == role):
            fail("%s got no page at all" % role)

    for f in failures[:60]:
        print("FAIL: " + f)
    if len(failures) > 60:
        print("FAIL: ... and %d more" % (len(failures) - 60))
    print("%d requests in %.1f s, %d failures" % (requests, time.time() - started, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1] == "plant":
        plant(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "urls":
        sys.exit(urls(*sys.argv[2:5]))
    else:
        sys.exit(crawl(*sys.argv[2:7]))
