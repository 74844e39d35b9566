// Browser test of mixer events: an admin creates an event for the demo programme, generates
// it, locks a round, marks someone absent and prints. Screenshots go to
// $SETWORK_BUILD_DIR/screenshots.
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

const { server, url } = await startServer(bin, db);

const browser = await launchBrowser();

const logIn = loginFor(url);

try {
  // An admin creates a mixer event for the demo programme, generates it, marks someone absent
  // from round 2 after locking round 1, and opens the print view.
  const admin = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  await logIn(admin, "admin@demo.example");
  await admin.goto(`${url}/programmes/1/events`);
  await admin.getByLabel("Name").fill("Breakfast mixer");
  await admin.getByLabel("People per table").fill("5");
  await admin.getByLabel("Rounds").fill("3");
  await admin.getByRole("button", { name: "Create event" }).click();
  await admin.waitForURL(/\/events\/\d+$/);
  check((await admin.textContent("h1")) === "Breakfast mixer", "event page after creating");
  await admin.getByRole("button", { name: "Generate", exact: true }).click();
  await admin.waitForSelector("text=Round 3");
  check((await admin.textContent("#repeats")) === "0", "no repeated pairs");
  check(await admin.isVisible("text=The schedule is perfect"), "says the schedule is perfect");
  await admin.screenshot({ path: join(shots, "event-generated.png"), fullPage: true });
  await admin.selectOption("#locked", "1");
  await admin.getByRole("button", { name: "Lock", exact: true }).click();
  await admin.waitForSelector("text=Round 1 (locked)");
  await admin.selectOption("#round", "2");
  await admin.getByRole("button", { name: "Save and re-plan" }).click();
  await admin.waitForSelector("text=Absent:");
  await admin.screenshot({ path: join(shots, "event-replanned.png"), fullPage: true });
  await admin.goto(admin.url() + "/print");
  check((await admin.locator("section.table-card").count()) >= 120, "a card per table per round");
  await admin.emulateMedia({ media: "print" });
  check(!(await admin.isVisible("header.top")), "print hides the navigation");
  await admin.screenshot({ path: join(shots, "event-print.png") });
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
