// Shared set-up for the browser tests: a server of the real binary on a free loopback port,
// Debian's chromium through playwright-core, and logging in as a demo user.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

// Starts `setwork serve` on DB at a free port; resolves to { server, url }.
export async function startServer(bin, db) {
  // stderr (the request log) is not read here: ignored, so a full pipe cannot block the server.
  const server = spawn(bin, ["--db", db, "serve", "--listen", "127.0.0.1:0"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = /serving (http:\/\/\S+)\//.exec(out);
      if (m) resolve(m[1]);
    });
    server.on("exit", () => reject(new Error("server exited")));
    setTimeout(() => reject(new Error("server did not start")), 10000);
  });
  return { server, url };
}

// Headless chromium with the flags this closed machine needs.
export function launchBrowser() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

// Returns logIn(page, email) for the server at URL (every demo login shares one password).
export function loginFor(url) {
  return async function logIn(page, email) {
    await page.goto(`${url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("setwork-demo");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${url}/`);
  };
}

// The folder screenshots go to ($SETWORK_BUILD_DIR/screenshots), created if needed.
export function screenshotsDir() {
  const shots = join(process.env.SETWORK_BUILD_DIR || ".", "screenshots");
  mkdirSync(shots, { recursive: true });
  return shots;
}

// A scratch database holding the demo and its logins: { dir, db, participant }.
export function demoDatabase(bin, prefix = "setwork-browser-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, "db");
  execFileSync(bin, ["--db", db, "demo"]);
  const logins = execFileSync(bin, ["--db", db, "users", "demo"]).toString();
  return { dir, db, participant: /participant\s+(\S+)/.exec(logins)[1] };
}
