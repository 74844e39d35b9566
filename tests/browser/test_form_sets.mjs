// Browser journey of forming sets (issue 15): the form with a weight per column and rules chosen
// by name; a mistake keeps what was typed and says what is wrong next to the field; the plan;
// moving a person updates the score, each set's mix and the broken rules at once, without a
// reload (through the API with the session); Undo puts them back; the no-JavaScript Move still
// works; publish. Screenshots go to $SETWORK_BUILD_DIR/screenshots (form-sets-*.png).
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { demoDatabase, launchBrowser, loginFor, screenshotsDir, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const shots = screenshotsDir();
const { dir, db } = demoDatabase(bin, "setwork-form-sets-");
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error(`FAIL: ${what}`);
}

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
const logIn = loginFor(url);

// axe-core on PAGE as it stands (WCAG 2.2 A and AA): every violation is a failure.
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
async function accessible(page, where) {
  await page.addScriptTag({ path: axePath });
  const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
  const result = await page.evaluate((t) => window.axe.run(document, { runOnly: { type: "tag", values: t } }), tags);
  for (const v of result.violations)
    check(false, `${where}: axe ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

// Waits until plan.js has applied N answers of the API in all (a counter on <body>).
async function updates(page, n) {
  await page.waitForFunction((want) => Number(document.body.dataset.planUpdates || 0) >= want, n);
}

try {
  // bypassCSP: the pages forbid inline scripts, and axe-core is injected as one.
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, bypassCSP: true });
  const admin = await context.newPage();
  await logIn(admin, "admin@demo.example");
  await admin.goto(`${url}/programmes/1`);
  await admin.getByRole("link", { name: "Form sets" }).click();
  check((await admin.textContent("h1")) === "Form sets", "form page");
  check(await admin.getByLabel("Different organisation").isVisible(), "a weight for the organisation column");
  check(await admin.getByLabel("Different department").isVisible(), "a weight for the department column");
  check(await admin.getByLabel("Similar challenges").isVisible(), "a weight for similar challenges");
  const people = await admin.locator("datalist#people option").evaluateAll((os) => os.map((o) => o.value));
  check(people.length >= 100, `the people list holds the cohort (${people.length})`);
  check(!people.some((p) => p.includes("@")), "people are listed by name, never by email");

  // A mistake: the largest set below the smallest and an unknown name.
  await admin.getByLabel("Smallest set").fill("6");
  await admin.getByLabel("Largest set").fill("5");
  await admin.getByLabel("Different organisation").fill("4");
  await admin.getByLabel("Pair 1: first person").first().fill(people[0]);
  await admin.getByLabel("Pair 1: second person").first().fill("Nobody Atall");
  await admin.getByRole("button", { name: "Form sets" }).click();
  await admin.waitForSelector("#problems");
  const max = admin.locator("#size_max");
  check((await max.getAttribute("aria-invalid")) === "true", "the largest set is marked invalid");
  const described = (await max.getAttribute("aria-describedby")) || "";
  check((await admin.textContent(`#${described.split(" ").pop()}`)).includes("smaller than the smallest"),
        "the size problem is next to its field, in words");
  check((await max.inputValue()) === "5", "the typed size is kept");
  check((await admin.getByLabel("Different organisation").inputValue()) === "4", "the typed weight is kept");
  check((await admin.locator("#apart-0-b").inputValue()) === "Nobody Atall", "the typed name is kept");
  check((await admin.textContent("#e-apart-0-b")).includes("Nobody in this cohort is called"),
        "the unknown name is said next to its field");
  await admin.screenshot({ path: join(shots, "form-sets-errors.png"), fullPage: true });
  await accessible(admin, "the form with problems");

  // Put it right: sets of 5 to 7, keep two people apart, form.
  await admin.getByLabel("Smallest set").fill("5");
  await admin.getByLabel("Largest set").fill("7");
  await admin.locator("#apart-0-b").fill(people[1]);
  await admin.getByLabel("Seconds to search").fill("1");
  await admin.getByRole("button", { name: "Form sets" }).click();
  await admin.waitForURL(/\/plans\/\d+$/);
  const planUrl = admin.url();
  check((await admin.locator("#broken .error").count()) === 0, "the new plan breaks no rule");
  const score0 = Number(await admin.textContent("#score"));
  check(score0 > 0, `a score is shown (${score0})`);
  check((await admin.locator("dl.breakdown").first().textContent()).includes("Organisation"),
        "each set shows its organisations");
  await admin.screenshot({ path: join(shots, "form-sets-plan.png") });

  // Move a person from the first set into the fullest other set with the Move button: the page
  // does not reload, the sizes, the broken rule (if the set overflows) and the score update.
  let navigated = false;
  admin.on("framenavigated", (f) => { if (f === admin.mainFrame()) navigated = true; });
  const firstSet = admin.locator("section.set").first();
  const setId = await firstSet.getAttribute("data-set-id");
  const li = firstSet.locator("li").first();
  const who = (await li.locator(".who").evaluate((e) => e.firstChild.textContent)).trim();
  const sizes = await admin.locator("section.set").evaluateAll((ss) =>
    ss.map((s) => ({ id: s.dataset.setId, name: s.querySelector("h2").firstChild.textContent.trim(),
                     n: s.querySelectorAll("li").length })));
  const target = sizes.filter((s) => s.id !== setId).sort((a, b) => b.n - a.n)[0];
  const metaBefore = await admin.textContent(`#meta-${target.id}`);
  await li.locator("select").selectOption({ label: target.name });
  await li.getByRole("button", { name: "Move" }).click();
  await updates(admin, 1);
  check(!navigated, "the move did not reload the page");
  const targetSet = admin.locator(`section.set[data-set-id="${target.id}"]`);
  check((await targetSet.textContent()).includes(who), `${who} is shown in ${target.name}`);
  const metaAfter = await admin.textContent(`#meta-${target.id}`);
  check(metaAfter.startsWith(`${target.n + 1} people`), `the set's figures updated (${metaBefore} -> ${metaAfter})`);
  check((await admin.textContent("#plan-news")).includes(`Moved ${who}`), "the move is announced");
  if (target.n + 1 > 7) {
    check((await admin.locator("#broken .error").count()) === 1, "the broken size rule shows at once");
    check((await admin.textContent("#broken")).includes("sets hold 5 to 7"), "the rule says 5 to 7");
    check((await admin.textContent("#score")) === "none", "a plan that breaks a rule has no score");
  } else {
    check((await admin.textContent("#score")) !== String(score0), "the score changed");
  }
  check(await admin.locator("#undo").isVisible(), "Undo is offered");
  check((await admin.textContent("#undo-what")).includes(who), "Undo names the person");
  await admin.evaluate(() => window.scrollTo(0, 0));
  await admin.screenshot({ path: join(shots, "form-sets-moved.png") });
  await accessible(admin, "the plan after a live move");

  // Undo, again without a reload: back where they were, the score as before.
  await admin.locator("#undo button").click();
  await updates(admin, 2);
  check(!navigated, "undo did not reload the page");
  check((await firstSet.textContent()).includes(who), `${who} is back in the first set`);
  check(Number(await admin.textContent("#score")) === score0, "the score is back");
  check((await admin.locator("#broken .error").count()) === 0, "no rule is broken after undo");
  check(!(await admin.locator("#undo").isVisible()), "nothing left to undo");
  await admin.evaluate(() => window.scrollTo(0, 0));
  await admin.screenshot({ path: join(shots, "form-sets-undone.png") });

  // The page after a reload agrees with what the script showed.
  await admin.reload();
  check(Number(await admin.textContent("#score")) === score0, "the reloaded page has the same score");

  // Without JavaScript the same Move form posts and the page reloads; Undo too.
  const plain = await (await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } })).newPage();
  await logIn(plain, "admin@demo.example");
  await plain.goto(planUrl);
  const pli = plain.locator("section.set").first().locator("li").first();
  await pli.locator("select").selectOption({ label: target.name });
  await Promise.all([plain.waitForNavigation(), pli.getByRole("button", { name: "Move" }).click()]);
  check((await plain.locator(`section.set[data-set-id="${target.id}"]`).textContent()).includes(who),
        "without JavaScript the move is made");
  await Promise.all([plain.waitForNavigation(), plain.locator("#undo button").click()]);
  check((await plain.locator("section.set").first().textContent()).includes(who),
        "without JavaScript undo puts them back");
  await plain.screenshot({ path: join(shots, "form-sets-plain-phone.png"), fullPage: false });

  // Publish: the demo has published sets, so it asks first, then publishes.
  await admin.goto(planUrl);
  await admin.getByRole("button", { name: "Publish to participants" }).click();
  await admin.getByRole("button", { name: /^Confirm: \d+ affected$/ }).click();
  await admin.waitForURL(planUrl);
  check((await admin.textContent("#score-line .status")) === "Published", "published");
  await admin.screenshot({ path: join(shots, "form-sets-published.png") });
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
