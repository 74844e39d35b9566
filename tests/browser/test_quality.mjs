// The quality bars of issues 15 and 16, on every HTML page each role reaches: an admin, a
// facilitator, a participant and nobody. The pages come from the route table (the GET routes of
// src/web/http/routes.c with the ids of tests/e2e/web/crawl_routes.tsv, listed by
// tests/e2e/web/crawl.py; a route without a row fails) plus the same-site links found on them
// (one page per link shape). On each page: axe-core finds no WCAG 2.2 A/AA violation, the HTML
// is valid by Debian's tidy, and at 360 px wide nothing scrolls sideways. Full-page screenshots
// at 360 px of the route-table pages go to $SETWORK_BUILD_DIR/screenshots as role-route.png.
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { demoDatabase, launchBrowser, loginFor, screenshotsDir, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const src = process.env.SETWORK_SOURCE_DIR;
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const shots = screenshotsDir();
const WIDTH = 360;
const MAX_LINKS = 40; // pages found by links, per role, beyond the route table
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let failures = 0;
function fail(what) {
  failures++;
  console.error(`FAIL: ${what}`);
}

// The demo of the privacy crawler (tests/e2e/test_web_crawl.sh): challenges, a network survey
// and meetings, so that every kind of page has something on it.
const { dir, db, participant } = demoDatabase(bin, "setwork-quality-");
const run = (...args) => execFileSync(bin, ["--db", db, ...args]);
run("challenges", "demo", "--programme", "Demo");
run("network", "demo", "--programme", "Demo");
run("meetings", "schedule", "--programme", "Demo", "--first", "2030-03-05T10:00", "--every", "4w",
  "--count", "3", "--location", "Room 4");
run("meetings", "demo", "--programme", "Demo");
const table = JSON.parse(execFileSync("python3", [join(src, "tests/e2e/web/crawl.py"), "urls", db,
  join(src, "src/web/http/routes.c"), join(src, "tests/e2e/web/crawl_routes.tsv")]).toString());
for (const p of table.problems) fail(p);
// The API answers JSON and /static/*, /calendar/* are files: none is an HTML page.
const routes = table.routes.filter((r) => !r.pattern.startsWith("/api/") && !r.pattern.includes("*"));

const ROLES = [
  ["admin", "admin@demo.example"],
  ["facilitator", "facilitator@demo.example"],
  ["participant", participant],
  ["anonymous", null],
];

const shape = (path) => path.split("?")[0].replace(/\/[0-9]+/g, "/#");
const shotName = (role, path) =>
  `quality-${role}-${path.split("?")[0].replace(/^\//, "").replace(/[^A-Za-z0-9]+/g, "-") || "home"}.png`;

function tidy(html) {
  const r = spawnSync("tidy", ["-errors", "-quiet"], { input: html });
  return r.status === 0 ? null : (r.stdout.toString() + r.stderr.toString()).trim();
}

// Elements wider than the viewport or reaching past its right edge, outside any container that
// scrolls sideways on purpose; the innermost ones, as "tag#id.class" paths.
function overflowing(width) {
  const name = (e) =>
    e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") + [...e.classList].map((c) => `.${c}`).join("");
  const scrolls = (e) => {
    for (let a = e.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if ((o === "auto" || o === "scroll") && a !== document.documentElement && a !== document.body) return true;
    }
    return false;
  };
  // The right edge of E's box, or of the text that spills out of it (a long word, an address).
  const right = (e) => {
    const b = e.getBoundingClientRect();
    const spill = getComputedStyle(e).overflowX === "visible" ? e.scrollWidth - e.clientWidth : 0;
    return b.right + Math.max(0, spill);
  };
  const out = [];
  for (const e of document.body.querySelectorAll("*")) {
    const r = { left: e.getBoundingClientRect().left, right: right(e) };
    if (e.getBoundingClientRect().width === 0 || getComputedStyle(e).visibility === "hidden") continue;
    if (r.right <= width + 1) continue; // (left of the page, as the skip link, scrolls nowhere)
    if (scrolls(e)) continue;
    if ([...e.children].some((c) => right(c) > width + 1)) continue;
    let path = name(e);
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) path = `${name(a)} > ${path}`;
    out.push(`${path} (${Math.round(r.left)}..${Math.round(r.right)} px): ${(e.textContent || "").trim().slice(0, 60)}`);
  }
  return out.slice(0, 5);
}

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);
const started = Date.now();
let pages = 0;

try {
  for (const [role, email] of ROLES) {
    // bypassCSP: the pages forbid inline scripts, and axe-core is injected as one.
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, bypassCSP: true });
    const page = await context.newPage();
    if (email) await logIn(page, email);
    if (role === "admin") {
      // A mixer with its rounds drawn, so that the event pages have one to show (no command
      // makes one): the form's own POSTs, with the page's CSRF token.
      const events = await (await context.request.get(`${url}/programmes/1/events`)).text();
      const csrf = /name="csrf" value="([^"]*)"/.exec(events)[1];
      const made = await context.request.post(`${url}/programmes/1/events`, {
        form: { csrf, name: "Spring mixer", group_size: "4", rounds: "3" }, maxRedirects: 0 });
      const event = /\/events\/([0-9]+)/.exec(made.headers().location || "");
      if (!event) fail(`admin: no mixer made (${made.status()})`);
      else await context.request.post(`${url}/events/${event[1]}/generate`, { form: { csrf }, maxRedirects: 0 });
    }
    const checked = new Set(); // link shapes already checked
    const queue = []; // [path, from-route-table]

    // One page per route: the first of its paths the role gets as a 200 HTML answer, or else
    // the first HTML answer at all (a refusal, a 404: pages too).
    for (const route of routes) {
      let pick = null;
      for (const path of route.paths) {
        const r = await context.request.get(url + path, { maxRedirects: 0 });
        if (!(r.headers()["content-type"] || "").startsWith("text/html")) continue;
        if (r.status() === 200) {
          pick = path;
          break;
        }
        pick ??= path;
      }
      if (pick) queue.push([pick, true]);
    }
    queue.push(["/nowhere", false]);
    for (const [path] of queue) checked.add(shape(path));

    let links = 0;
    while (queue.length) {
      const [path, fromTable] = queue.shift();
      const where = `${role} ${path}`;
      const r = await context.request.get(url + path, { maxRedirects: 0 });
      if (!(r.headers()["content-type"] || "").startsWith("text/html")) continue;
      pages++;
      const problems = tidy(await r.body());
      if (problems) fail(`${where}: not valid HTML (tidy):\n    ${problems.replace(/\n/g, "\n    ")}`);

      await page.goto(url + path);
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
      for (const v of result.violations) {
        const targets = v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(" | ");
        fail(`${where}: axe ${v.id} (${v.impact}): ${v.help} — ${targets}`);
      }
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > WIDTH + 1) {
        const wide = await page.evaluate(overflowing, WIDTH);
        fail(`${where}: scrolls sideways at ${WIDTH} px (${scrollWidth} px wide):\n    ${wide.join("\n    ")}`);
      }
      if (fromTable && r.status() === 200) await page.screenshot({ path: join(shots, shotName(role, path)), fullPage: true });

      // Same-site links, one per shape, bounded.
      const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
      for (const href of hrefs) {
        if (!href.startsWith("/") || href.startsWith("//") || href.startsWith("/static/")) continue;
        if (href.includes("logout") || href.startsWith("/api/")) continue;
        const link = href.split("#")[0];
        if (checked.has(shape(link)) || links >= MAX_LINKS) continue;
        checked.add(shape(link));
        links++;
        queue.push([link, false]);
      }
    }
    console.log(`ok: ${role}: ${checked.size} page shapes, ${links} of them found by links${links >= MAX_LINKS ? " (the bound)" : ""}`);
    await context.close();
  }
} catch (e) {
  failures++;
  console.error(e);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${pages} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(failures ? `${failures} failed` : "browser test passed");
process.exit(failures ? 1 : 0);
