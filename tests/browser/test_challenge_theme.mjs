// Browser journey (issue 16): three participants write close challenges and "N others in this
// cohort are working on something close to this" appears on their page with nobody running a
// command (the server's background refresh, its quiet time shortened through the
// themes_refresh setting); then the admin renames the theme and merges another into it on the
// themes page, confirming first, and the participants see the new name through later refreshes.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { demoDatabase, launchBrowser, loginFor, screenshotsDir, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const shots = screenshotsDir();
const { dir, db, participant } = demoDatabase(bin);
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error(`FAIL: ${what}`);
}

// The demo's challenges give the themes a cohort to be found in; two more members get accounts.
execFileSync(bin, ["--db", db, "challenges", "demo", "--programme", "Demo"]);
const others = execFileSync("sqlite3", [
  db,
  "SELECT p.email FROM people p JOIN programme_members m ON m.person_id = p.id WHERE m.programme_id = 1 " +
    "AND p.email NOT IN (SELECT email FROM users) ORDER BY p.id LIMIT 2",
])
  .toString()
  .trim()
  .split("\n");
for (const email of others)
  execFileSync(bin, ["--db", db, "users", "add", email, "--role", "participant", "--password", "setwork-demo"]);

process.env.SETWORK_THEMES_REFRESH = "1"; // the setting, read by the server started below
const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);

const challenges = [
  ["Rooftop beehive stalled", "Our rooftop beehive project stalled: the hives and the honey harvest need a keeper. How do I get the beekeeping going again?"],
  ["Beekeeping volunteers", "Nobody looks after the rooftop hives or the honey any more. How do I lead the beekeeping volunteers of the beehive?"],
  ["Keeping the bees", "The beekeeping club on the roof has hives, honey and bees but no plan. How do I keep the rooftop beehive alive?"],
];

async function write(page, [title, body]) {
  await page.goto(`${url}/my/challenges`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("What is the challenge?").fill(body);
  await page.getByLabel("The cohort, anonymously").check();
  await page.getByLabel("Others in the cohort may read an anonymous excerpt").check();
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(`${url}/my/challenges`);
}

// The theme line under the challenge TITLE, reloading while the server has not refreshed yet
// (bounded: the refresh waits a second of quiet, then runs within a second).
async function themeLine(page, title, want) {
  for (let i = 0; i < 60; i++) {
    await page.goto(`${url}/my/challenges`);
    const article = page.locator("article.challenge", { has: page.locator("h3", { hasText: title }) });
    const theme = article.locator("section.theme");
    const text = (await theme.count()) ? await theme.first().textContent() : "";
    if (text && (!want || text.includes(want))) return text;
    await page.waitForTimeout(500);
  }
  return "";
}

try {
  const people = [participant, ...others];
  const pages = [];
  for (let i = 0; i < 3; i++) {
    const p = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await logIn(p, people[i]);
    await write(p, challenges[i]);
    pages.push(p);
  }
  const line = await themeLine(pages[0], challenges[0][0]);
  check(/\d+ others in this cohort are working on something close to this/.test(line), `the line appears: "${line}"`);
  check(!/@/.test(await pages[0].textContent("main")), "no email on the participant's page");
  await pages[0].screenshot({ path: join(shots, "challenge-theme-phone.png"), fullPage: true });

  // The admin renames that theme on the themes page, linked from the programme.
  const admin = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  await logIn(admin, "admin@demo.example");
  await admin.goto(`${url}/programmes/1`);
  await admin.getByRole("link", { name: "Challenge themes" }).click();
  await admin.waitForURL(`${url}/programmes/1/themes`);
  const section = admin.locator("section.theme-admin", { has: admin.locator("h3", { hasText: /hive|honey|bee|rooftop/i }) });
  check((await section.count()) === 1, "the bees theme is listed");
  const id = (await section.locator("h3").getAttribute("id")).replace("theme-", "");
  await admin.getByLabel(`New name for theme #${id}`).fill("");
  await section.getByRole("button", { name: "Rename" }).click();
  // An empty name is stopped by the browser (required); the page says nothing was renamed.
  check(admin.url() === `${url}/programmes/1/themes`, "an empty name is not sent");
  await admin.getByLabel(`New name for theme #${id}`).fill("Rooftop bees");
  await section.getByRole("button", { name: "Rename" }).click();
  await admin.waitForURL(`${url}/programmes/1/themes`);
  check((await admin.textContent("table.list")).includes("Rooftop bees"), "the new name is listed");
  check((await themeLine(pages[1], challenges[1][0], "Rooftop bees")).includes("Rooftop bees"), "participants see the new name");

  // Merge another theme into it: asked first, then done.
  await admin.getByLabel("Keep", { exact: true }).selectOption(id);
  const merge = admin.locator("form[action$='/themes/merge']");
  const other = merge.locator(`input[name=from]:not([value="${id}"])`).first();
  const otherId = await other.getAttribute("value");
  await other.check();
  await merge.getByRole("button", { name: "Merge…" }).click();
  check((await admin.textContent("main")).includes("Rooftop bees"), "the confirmation names the theme kept");
  await admin.screenshot({ path: join(shots, "themes-merge-confirm.png"), fullPage: false });
  await admin.getByRole("button", { name: "Yes, merge" }).click();
  await admin.waitForURL(`${url}/programmes/1/themes`);
  const table = await admin.textContent("table.list");
  check(!table.includes(`#${otherId} `), "the merged theme is gone");
  check(table.includes("kept as merged or split"), "the merged theme is marked as kept");
  await admin.screenshot({ path: join(shots, "themes-admin.png"), fullPage: true });

  // A later challenge makes the server find themes again; the name and the merge stay.
  await write(pages[2], ["Honey from the roof", "The rooftop hives gave honey this year; how do I share the beekeeping work fairly?"]);
  check((await themeLine(pages[2], "Honey from the roof", "Rooftop bees")).includes("Rooftop bees"), "a new close challenge joins the theme");
  await admin.goto(`${url}/programmes/1/themes`);
  const after = await admin.textContent("table.list");
  check(after.includes("Rooftop bees") && after.includes("kept as merged or split"), "the rename and the merge survive the refresh");
} catch (e) {
  failures++;
  console.error(e);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures ? `${failures} failed` : "browser test passed");
process.exit(failures ? 1 : 0);
