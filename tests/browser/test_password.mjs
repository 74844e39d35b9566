// Browser test of password recovery and change: a participant asks for a reset on the login
// page (an unknown email gets the same answer and no mail), follows the mailed link from a
// real SMTP server (aiosmtpd), sets a new password and logs in; then changes it on the Account
// page, which ends their other session. Screenshots go to $SETWORK_BUILD_DIR/screenshots.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { demoDatabase, launchBrowser, screenshotsDir, startServer } from "./harness.mjs";

const bin = process.env.SETWORK;
const shots = screenshotsDir();
const mailDir = join(dirname(fileURLToPath(import.meta.url)), "..", "e2e", "mail");
const py = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const { dir, db, participant } = demoDatabase(bin, "setwork-browser-password-");
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error(`FAIL: ${what}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A real SMTP server storing into dir/mail.
const portFile = join(dir, "smtp.port");
const smtp = spawn(py, [join(mailDir, "smtp_server.py"), "--dir", join(dir, "mail"), "--port-file", portFile]);
for (let i = 0; i < 100 && !existsSync(portFile); i++) await sleep(100);
process.env.SETWORK_SMTP_URL = `smtp://127.0.0.1:${readFileSync(portFile, "utf8")}`;
process.env.SETWORK_MAIL_FROM = "setwork@example.org";

// The messages so far, parsed by check_mail.py with Python's email package.
function messages() {
  if (!existsSync(join(dir, "mail")) || readdirSync(join(dir, "mail")).length === 0) return [];
  const out = execFileSync(py, [join(mailDir, "check_mail.py"), join(dir, "mail")]).toString();
  return out.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
}
async function waitForMail(n) {
  for (let i = 0; i < 300 && messages().length < n; i++) await sleep(100);
  return messages();
}

const { server, url } = await startServer(bin, db);
const browser = await launchBrowser();
async function logIn(page, email, password) {
  await page.goto(`${url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

try {
  const page = await (await browser.newContext()).newPage();
  // An unknown email: the same answer, and no mail.
  await page.goto(`${url}/login`);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill("nobody@nowhere.example");
  await page.getByRole("button", { name: "Mail me a link" }).click();
  const unknownAnswer = await page.textContent("main");
  check(/If an account has that email, a link/.test(unknownAnswer), "an answer for an unknown email");

  // The participant's own email: a mail with a one-hour link.
  await page.getByLabel("Email").fill(participant);
  await page.getByRole("button", { name: "Mail me a link" }).click();
  check((await page.textContent("main")) === unknownAnswer, "the same answer for a known email");
  await page.screenshot({ path: join(shots, "password-reset.png") });
  const mails = await waitForMail(1);
  check(mails.length === 1 && mails[0].to === participant, `one reset mail, to the participant (${mails.length})`);
  const mail = mails[0] || {};
  check(mail.subject === "Reset your setwork password", `subject: ${mail.subject}`);
  const link = mail.link || "";
  check(link.startsWith(`${url}/invitation?token=`), `the link points at this server: ${link}`);

  // The link sets a new password, once.
  await page.goto(link);
  await page.getByLabel("New password").fill("a brand new password");
  await page.getByLabel("The same again").fill("a brand new password");
  await page.getByRole("button", { name: "Set password" }).click();
  await page.waitForURL(`${url}/login?done=password`);
  await logIn(page, participant, "a brand new password");
  await page.waitForURL(`${url}/`);
  check(true, "logged in with the new password");
  const again = await page.goto(link);
  check(again.status() === 404, "the reset link works only once");

  // A second session of the same person, to see it end on a password change.
  const other = await (await browser.newContext()).newPage();
  await logIn(other, participant, "a brand new password");
  await other.waitForURL(`${url}/`);

  // Change on the Account page: the current password is asked for.
  await page.goto(`${url}/account`);
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill("the third password");
  await page.getByLabel("The same again").fill("the third password");
  await page.getByRole("button", { name: "Change password" }).click();
  check(/The current password is wrong/.test(await page.textContent("main")), "a wrong current password is refused");
  await page.getByLabel("Current password").fill("a brand new password");
  await page.getByLabel("New password").fill("the third password");
  await page.getByLabel("The same again").fill("the third password");
  await page.getByRole("button", { name: "Change password" }).click();
  check(/Your password is changed/.test(await page.textContent("main")), "password changed");
  await page.screenshot({ path: join(shots, "password-change.png"), fullPage: true });
  await page.goto(`${url}/account`);
  check(page.url() === `${url}/account`, "this session stays");
  await other.goto(`${url}/account`);
  check(other.url().startsWith(`${url}/login`), `the other session ended (${other.url()})`);
  await logIn(other, participant, "a brand new password");
  check(/wrong/.test(await other.textContent("main")), "the old password no longer works");
  await logIn(other, participant, "the third password");
  await other.waitForURL(`${url}/`);
} catch (e) {
  failures++;
  console.error(e);
} finally {
  await browser.close();
  server.kill("SIGTERM");
  smtp.kill();
  rmSync(dir, { recursive: true, force: true });
}
if (failures) {
  console.error(`${failures} failure(s)`);
  process.exit(1);
}
console.log("password reset and change: ok");
