// Browser test of the web app: an admin logs in and imports a cohort CSV (first a bad file,
// whose problems are listed, then a good one); a participant sees only their own set, with no
// email addresses, and cannot open another set. Screenshots go to $SETWORK_BUILD_DIR/screenshots.
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
  // An admin: log in, create a programme, import a bad then a good CSV.
  const admin = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  await admin.goto(`${url}/login`);
  await admin.screenshot({ path: join(shots, "login.png") });
  await logIn(admin, "admin@demo.example");
  check((await admin.textContent("h1")) === "Programmes", "admin lands on the dashboard");
  await admin.screenshot({ path: join(shots, "dashboard.png"), fullPage: true });

  await admin.getByRole("link", { name: "New programme" }).click();
  await admin.getByLabel("Name").fill("Autumn leaders");
  await admin.getByLabel("Description").fill("Twelve months of action learning for new leaders.");
  await admin.getByRole("button", { name: "Create programme" }).click();
  check((await admin.textContent("h1")) === "Autumn leaders", "programme created");
  await admin.getByRole("link", { name: "Import cohort CSV" }).click();
  const bad = "name,email,department\nAda One,ada@x.example,Finance\n,bob@x.example,IT\nCy,cy-at-x,IT\n";
  await admin.getByLabel("Cohort CSV file").setInputFiles({ name: "cohort.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await admin.getByRole("button", { name: "Check the file" }).click();
  check((await admin.textContent("h1")) === "Nothing was imported", "bad file refused");
  const rows = await admin.locator("table.problems tbody tr").count();
  check(rows >= 2, `problems listed (${rows})`);
  await admin.screenshot({ path: join(shots, "import-problems.png"), fullPage: true });
  const good = "name,email,department,organisation\nAda One,ada@x.example,Finance,Northwind\nBo Two,bo@x.example,IT,Northwind\nCy Three,cy@x.example,IT,Southbank\n";
  await admin.getByLabel("Cohort CSV file").setInputFiles({ name: "cohort.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await admin.getByRole("button", { name: "Check the file" }).click();
  check((await admin.textContent("h1")) === "Check the changes", "good file previewed");
  await admin.getByRole("button", { name: "Apply these changes" }).click();
  check((await admin.textContent("h1")) === "Cohort imported", "good file imported");
  await admin.getByRole("link", { name: "Back to the programme" }).click();
  check((await admin.locator("table.list tbody tr").count()) === 3, "three people listed");
  await admin.screenshot({ path: join(shots, "programme.png"), fullPage: true });

  // A participant on a phone: only their own set, names but no emails, other sets hidden.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const p = await phone.newPage();
  await logIn(p, participant);
  check((await p.textContent("h1")) === "My setwork", "participant lands on My setwork");
  const cards = p.locator("ul.cards li");
  check((await cards.count()) === 1, "participant sees exactly one set");
  await p.screenshot({ path: join(shots, "my-setwork-phone.png"), fullPage: true });
  await cards.first().locator("h3 a").click();
  const body = await p.textContent("main");
  const emails = (body.match(/[\w.+-]+@[\w.-]+/g) || []).filter((e) => e !== participant);
  check(emails.length === 0, `participant sees no emails (${emails.join(", ")})`);
  check((await p.locator("table.list tbody tr").count()) >= 2, "set mates listed");
  await p.screenshot({ path: join(shots, "set-phone.png"), fullPage: true });
  const other = await p.goto(`${url}/sets/5`);
  check(other.status() === 404, `another set is 404 (${other.status()})`);
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
