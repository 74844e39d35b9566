// Browser journey of a mixer with cards (issue 15): an admin creates an event mixing by
// department with set-mates kept apart, a date, time and place (a problem first: shown next to
// its field, everything typed kept), generates it, opens the table cards and checks in print
// media that each card is half an A4 sheet with a large table number, two to a printed page
// (the PDF has one page per two cards); the itineraries are one slip per person; a participant
// reaches the event from home and sees when and where. Screenshots go to screenshotsDir().
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { demoDatabase, launchBrowser, loginFor, screenshotsDir, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const shots = screenshotsDir();
const { dir, db, participant } = demoDatabase(bin, "setwork-mixer-");
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error(`FAIL: ${what}`);
}

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);
const MM = 96 / 25.4; // CSS pixels per millimetre
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// axe-core's WCAG 2.2 A/AA rules on the page as it is now (the form with its problems too).
async function accessible(page, where) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
  for (const v of result.violations)
    check(false, `${where}: axe ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

try {
  // bypassCSP: the pages forbid inline scripts, and axe-core is injected as one.
  const admin = await (await browser.newContext({ viewport: { width: 1200, height: 900 }, bypassCSP: true })).newPage();
  await logIn(admin, "admin@demo.example");
  await admin.goto(`${url}/programmes/1/events`);
  await admin.getByLabel("Name", { exact: true }).fill("Department mixer");
  await admin.getByLabel("People per table").fill("4");
  await admin.getByLabel("Rounds", { exact: true }).fill("");
  await admin.getByLabel("First round starts").fill("2027-01-12T14:00");
  await admin.getByLabel("Minutes per round").fill("20");
  await admin.getByLabel("Place").fill("Hall 2, Civic Centre");
  await admin.getByLabel("Mix by").selectOption("department");
  await admin.getByLabel("Keep set-mates apart").selectOption({ label: "Demo sets" });
  await admin.getByRole("button", { name: "Create event" }).click();
  await admin.waitForSelector("#e-rounds");
  check((await admin.textContent("#e-rounds")).includes("1 to 100 rounds"), "the problem is next to Rounds");
  check((await admin.getAttribute("#f-rounds", "aria-invalid")) === "true", "Rounds is marked invalid");
  check((await admin.inputValue("#f-place")) === "Hall 2, Civic Centre", "the place typed is kept");
  check((await admin.inputValue("#f-mix_by")) === "department", "the mixing column is kept");
  check((await admin.inputValue("#f-starts")) === "2027-01-12T14:00", "the time typed is kept");
  await admin.screenshot({ path: join(shots, "mixer-form-problem.png"), fullPage: true });
  await accessible(admin, "the form with a problem");
  await admin.getByLabel("Rounds", { exact: true }).fill("3");
  await admin.getByRole("button", { name: "Create event" }).click();
  await admin.waitForURL(/\/events\/\d+$/);
  const eventUrl = admin.url();
  await admin.getByRole("button", { name: "Generate", exact: true }).click();
  await admin.waitForSelector("text=Round 3");
  check((await admin.textContent("#when-where")).includes("Tue 12 Jan 2027, 14:00-15:00 GMT"), "the event page shows when");
  check((await admin.textContent("#when-where")).includes("Hall 2, Civic Centre"), "the event page shows where");
  check(/perfect|optimal|not proven/.test(await admin.textContent("#proven")), "the page says what is proven");
  check((await admin.textContent("#same-attr")) === "0", "nobody shares a table with a colleague of their department");
  await admin.screenshot({ path: join(shots, "mixer-event.png"), fullPage: true });
  await accessible(admin, "the event page");

  // The cards: one per table per round, half an A4 sheet each in print.
  await admin.goto(`${eventUrl}/print?part=cards`);
  const cards = await admin.locator("section.table-card").count();
  check(cards === 3 * 50, `a card per table per round: ${cards}`);
  await admin.screenshot({ path: join(shots, "mixer-cards-screen.png") });
  await accessible(admin, "the table cards");
  await admin.emulateMedia({ media: "print" });
  const sizes = await admin.$$eval("section.table-card", (els) =>
    els.map((e) => ({
      height: e.getBoundingClientRect().height,
      number: parseFloat(getComputedStyle(e.querySelector(".card-number")).fontSize),
      after: getComputedStyle(e).breakAfter,
      round: e.querySelector(".card-round").textContent,
    })),
  );
  const half = (297 / 2) * MM;
  check(sizes.every((s) => s.height <= half && s.height >= half * 0.98), `each card is half an A4 sheet tall (${sizes[0].height}px of ${half}px)`);
  check(sizes.every((s) => s.number >= 50 * MM), `the table number is large (${sizes[0].number}px)`);
  check(
    sizes.every((s, i) => i === sizes.length - 1 || (i % 2 === 1) === (s.after === "page")),
    "a page break after every second card",
  );
  check(sizes[50].round === "Round 2 · 14:20-14:40", `the card says the round and its time: ${sizes[50].round}`);
  check(!(await admin.isVisible("header.top")) && !(await admin.isVisible("main > h1")), "print shows the cards alone");
  await admin.screenshot({ path: join(shots, "mixer-cards-print.png") });
  const pdf = await admin.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) || []).length;
  check(pages === cards / 2, `two cards to an A4 page: ${pages} pages for ${cards} cards`);
  await admin.emulateMedia({ media: "screen" });

  // The itineraries: one slip per person with their table in each round.
  await admin.goto(`${eventUrl}/print?part=slips`);
  check((await admin.locator("section.slip").count()) === 200, "one slip per person");
  const slip = await admin.locator("section.slip").first().textContent();
  await accessible(admin, "the itineraries");
  check(/Round 1 · 14:00-14:20: table \d+/.test(slip) && slip.includes("Hall 2"), `a slip says each round's table: ${slip}`);
  await admin.emulateMedia({ media: "print" });
  await admin.screenshot({ path: join(shots, "mixer-slips-print.png") });

  // At 360 px wide the form fits without scrolling sideways.
  const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await logIn(phone, "admin@demo.example");
  await phone.goto(`${url}/programmes/1/events`);
  check((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, "the form fits 360 px");
  await phone.screenshot({ path: join(shots, "mixer-form-360.png"), fullPage: true });
  await phone.goto(`${eventUrl}/print?part=cards`);
  check((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, "the cards fit 360 px");

  // A participant reaches the event from home and sees when and where and their tables.
  const person = await (await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true })).newPage();
  await logIn(person, participant);
  const id = /\/events\/(\d+)$/.exec(eventUrl)[1];
  await person.locator(`a[href="/events/${id}/me"]`).click();
  await person.waitForURL(/\/me$/);
  check((await person.textContent("#when-where")).includes("Tue 12 Jan 2027"), "the participant sees the date");
  check((await person.locator("table.itinerary tbody tr").count()) === 3, "the participant sees a table per round");
  await person.screenshot({ path: join(shots, "mixer-participant.png"), fullPage: true });
  await accessible(person, "the participant's event page");
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
