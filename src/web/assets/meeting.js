// The live meeting page (pages/page_meeting.c): an enhancement only, every form works without
// it (a POST and a redirect). With it, nothing reloads: the timer buttons send the same form
// with reply=json and draw the server's answer; the other forms are sent with fetch and the
// page's regions ([data-region]) are replaced from the page the server redirects to. The timer
// counts down between answers, and GET /meetings/#/live is polled so that two screens (a phone
// and the projector) agree; the server's state is always the truth.
"use strict";
(() => {
  const match = /^\/meetings\/(\d+)/.exec(location.pathname);
  if (!match) return;
  const meetingId = match[1];
  const POLL_MS = 4000; // the timer and status, small JSON
  const REFRESH_MS = 20000; // the records other screens add, the whole page

  const clock = (s) => {
    const a = Math.abs(s);
    return (s < 0 ? "-" : "") + Math.floor(a / 60) + ":" + String(a % 60).padStart(2, "0");
  };
  const $ = (root, sel) => (root ? root.querySelector(sel) : null);
  const setText = (root, sel, text) => {
    const el = $(root, sel);
    if (el && el.textContent !== text) el.textContent = text;
  };

  // --- The timer ------------------------------------------------------------------------
  let base = null; // the last answer: figures and when it came
  let lastIndex = null;
  let lastStage = null;

  function drawAlert(el, alert) {
    const box = $(el, ".timer-alert");
    if (!box) return;
    const text = alert === "overrun" ? "Overrun: this phase is over its time."
      : alert === "warn" ? "Less than a minute left." : "";
    const p = box.firstElementChild;
    if (!text) {
      if (p) box.replaceChildren();
      return;
    }
    if (p && p.textContent === text) return;
    const np = document.createElement("p");
    np.className = alert === "overrun" ? "error" : "notice";
    np.textContent = text;
    box.replaceChildren(np);
  }

  function drawSteps(el, presenter, index, t) {
    const ol = $(el, "ol.phase-steps");
    if (!ol || !presenter) return;
    const items = ol.querySelectorAll("li");
    presenter.phases.forEach((ph, k) => {
      const li = items[k];
      if (!li) return;
      const now = t.current && t.current.index === index && t.current.phase === ph.phase;
      const done = t.state === "done" || (t.current && (index < t.current.index ||
        (index === t.current.index && k < presenter.phases.findIndex((x) => x.phase === t.current.phase))));
      li.className = now ? "now" : done ? "done" : "";
      setText(li, ".step-label", ph.label);
      setText(li, ".step-time", clock(ph.used_s) + " / " + clock(ph.budget_s));
      let sr = $(li, ".sr");
      if (now && !sr) {
        sr = document.createElement("span");
        sr.className = "sr";
        sr.textContent = "(now)";
        li.append(" ", sr);
      } else if (!now && sr) {
        sr.remove();
      }
    });
  }

  function drawButtons(el, state) {
    for (const b of el.querySelectorAll("form[data-timer] button[name=action]")) {
      if (b.value === "start") {
        b.hidden = !(state === "ready" || state === "paused");
        b.textContent = state === "paused" ? "Resume" : "Start";
      } else if (b.value === "pause") {
        b.hidden = state !== "running";
      } else if (b.value === "next") {
        b.hidden = state === "done";
      }
    }
  }

  // Opens the presentation of the presenter on now when the presenter changes.
  function followPresenter(t) {
    const index = t.current ? t.current.index : -1;
    if (index === lastIndex) return;
    const first = lastIndex === null;
    lastIndex = index;
    if (first || !t.current) return;
    for (const d of document.querySelectorAll("details.presentation[data-person]"))
      d.open = d.dataset.person === String(t.current.presenter_id);
  }

  function draw(t) {
    const el = document.getElementById("timer");
    if (!t || t.state === "no_presenters") return;
    if (!el || el.querySelectorAll("tr[data-person]").length !== t.presenters.length) {
      refresh(); // the presenters changed on another screen: take the server's page
      return;
    }
    el.dataset.state = t.state;
    // Presenters are fixed once the timer has started.
    if (t.state !== "ready") for (const f of document.querySelectorAll("form.presenter-add")) f.remove();
    const cur = t.current;
    const index = cur ? cur.index : t.presenters.length - 1;
    const p = t.presenters[index];
    $(el, ".timer-done").hidden = t.state !== "done";
    $(el, ".timer-now").hidden = t.state === "done";
    if (cur) {
      setText(el, ".timer-who", p.name);
      setText(el, ".phase", cur.label);
      setText(el, ".timer-state", "(" + t.state + ")");
      setText(el, ".timer-used", clock(cur.elapsed_s));
      setText(el, ".timer-budget", clock(cur.budget_s));
      setText(el, ".timer-left", clock(cur.left_s));
      el.dataset.left = String(cur.left_s);
    }
    drawSteps(el, p, index, t);
    drawButtons(el, t.state);
    t.presenters.forEach((q, i) => {
      const row = $(el, `tr[data-person="${q.person_id}"]`);
      if (!row) return;
      row.classList.toggle("current", !!cur && cur.index === i);
      setText(row, "td.airtime", clock(q.airtime_s));
    });
    drawAlert(el, t.alert);
    el.classList.toggle("overrun", t.alert === "overrun");
    el.classList.toggle("warn", t.alert === "warn");
    base = {
      at: Date.now(), state: t.state, warn: t.warn_s || 60, index,
      left: cur ? cur.left_s : 0, used: cur ? cur.elapsed_s : 0, airtime: p ? p.airtime_s : 0,
      budget: cur ? cur.budget_s : 0, personId: p ? p.person_id : 0,
    };
    followPresenter(t);
  }

  // Between answers the running phase counts on from the last one, with no network.
  function tick() {
    const el = document.getElementById("timer");
    if (!el || !base || base.state !== "running") return;
    const d = Math.floor((Date.now() - base.at) / 1000);
    const left = base.left - d;
    setText(el, ".timer-left", clock(left));
    setText(el, ".timer-used", clock(base.used + d));
    el.dataset.left = String(left);
    const now = $(el, "ol.phase-steps li.now .step-time");
    if (now) now.textContent = clock(base.used + d) + " / " + clock(base.budget);
    const row = $(el, `tr[data-person="${base.personId}"]`);
    if (row) setText(row, "td.airtime", clock(base.airtime + d));
    const alert = left < 0 ? "overrun" : left <= base.warn ? "warn" : "none";
    drawAlert(el, alert);
    el.classList.toggle("overrun", alert === "overrun");
    el.classList.toggle("warn", alert === "warn");
  }

  // --- Who facilitates, the quorum, the stage -------------------------------------------
  function applyLive(live) {
    if (!live) return;
    draw(live.timer);
    const fac = document.getElementById("facilitator-now");
    if (live.facilitator && fac && fac.textContent !== live.facilitator.name) refresh();
    const q = document.getElementById("quorum");
    if (q && live.quorum) {
      if (q.textContent !== live.quorum.text) q.textContent = live.quorum.text;
      q.classList.toggle("error", !live.quorum.met);
    }
    if (live.stage !== lastStage) {
      const first = lastStage === null;
      lastStage = live.stage;
      if (!first) showStage(live.stage, false);
    }
  }

  // Opens stage ID and folds the others, so the page stays one screen; the stage links say
  // which is open. SCROLL brings it into view (a click on a link, not a poll).
  function showStage(id, scroll) {
    const target = document.getElementById(id);
    if (!target || target.tagName !== "DETAILS") return;
    for (const d of document.querySelectorAll("details.stage")) d.open = d === target;
    for (const a of document.querySelectorAll("nav.stages a"))
      a.classList.toggle("current", a.hash === "#" + id);
    if (scroll) target.scrollIntoView({ block: "start" });
  }

  document.addEventListener("click", (e) => {
    const a = e.target instanceof Element ? e.target.closest("nav.stages a") : null;
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    showStage(a.hash.slice(1), true);
    history.replaceState(null, "", a.getAttribute("href"));
  });

  async function poll() {
    try {
      const res = await fetch(`/meetings/${meetingId}/live`, {
        headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store",
      });
      if (res.ok) applyLive(await res.json());
    } catch (e) {
      // Offline for a moment: the countdown goes on and the next poll catches up.
    }
  }

  // The message of a refused form, from the error page the server answered.
  async function problem(res) {
    try {
      const type = res.headers.get("Content-Type") || "";
      if (type.includes("json")) return (await res.json()).error;
      const doc = new DOMParser().parseFromString(await res.text(), "text/html");
      const p = doc.querySelector("main .error, main .notice, main p");
      if (p) return p.textContent.trim();
    } catch (e) {
      // fall through
    }
    return "That did not work (" + res.status + "). Reload the page and try again.";
  }

  function say(form, text) {
    let p = form.querySelector(".form-problem");
    if (!text) {
      if (p) p.remove();
      return;
    }
    if (!p) {
      p = document.createElement("p");
      p.className = "error form-problem";
      p.setAttribute("role", "alert");
      form.prepend(p);
    }
    p.textContent = text;
  }

  function body(form, submitter) {
    const data = new URLSearchParams();
    for (const [k, v] of new FormData(form)) data.append(k, v);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    return data;
  }

  async function timerSubmit(form, submitter) {
    // form.action would be the button named "action": read the attribute.
    const data = body(form, submitter);
    data.set("reply", "json");
    if (submitter) submitter.disabled = true;
    try {
      const res = await fetch(form.getAttribute("action"), {
        method: "POST", body: data, credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (res.ok) {
        say(form.closest(".timer") || form, "");
        applyLive(await res.json());
      } else {
        say(form.closest(".timer") || form, await problem(res));
        poll();
      }
    } catch (e) {
      form.submit(); // no network answer: the plain form still works
    } finally {
      if (submitter) submitter.disabled = false;
    }
  }

  // --- The other forms: send, then take the server's regions ----------------------------
  const typed = (region) => {
    for (const f of region.querySelectorAll("input, textarea")) {
      if (f.type === "hidden" || f.type === "checkbox" || f.type === "radio") continue;
      if (f.value !== f.defaultValue) return true;
    }
    for (const o of region.querySelectorAll("option")) if (o.selected !== o.defaultSelected) return true;
    return false;
  };

  // Replaces each region of the page by the one in DOC, except regions where someone is
  // typing or has the focus (unless it is FORCE, the region a form was sent from).
  function swap(doc, force) {
    const active = document.activeElement;
    const focusId = active && active.id;
    for (const fresh of doc.querySelectorAll("[data-region][id]")) {
      if (fresh.ownerDocument !== doc) continue; // taken in with the region around it
      const old = document.getElementById(fresh.id);
      if (!old) continue;
      if (old !== force && (typed(old) || old.contains(active) || old.contains(force))) continue;
      if (old.tagName === "DETAILS") fresh.open = old.open;
      for (const d of fresh.querySelectorAll("details[id]")) {
        const was = document.getElementById(d.id);
        if (was && was.tagName === "DETAILS") d.open = was.open;
      }
      old.replaceWith(document.adoptNode(fresh));
    }
    if (force && focusId) {
      const again = document.getElementById(focusId);
      if (again) again.focus();
    }
  }

  let refreshing = false;
  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    try {
      const res = await fetch(location.pathname, { credentials: "same-origin", cache: "no-store" });
      if (res.ok) {
        swap(new DOMParser().parseFromString(await res.text(), "text/html"), null);
        lastIndex = null;
        poll();
      }
    } catch (e) {
      // the next refresh catches up
    } finally {
      refreshing = false;
    }
  }

  async function liveSubmit(form, submitter) {
    const region = form.closest("[data-region]");
    if (submitter) submitter.disabled = true;
    try {
      const res = await fetch(form.getAttribute("action"), {
        method: "POST", body: body(form, submitter), credentials: "same-origin",
      });
      if (!res.ok) {
        say(form, await problem(res));
        return;
      }
      swap(new DOMParser().parseFromString(await res.text(), "text/html"), region);
      lastIndex = null;
      poll();
    } catch (e) {
      form.submit();
    } finally {
      if (submitter && submitter.isConnected) submitter.disabled = false;
    }
  }

  document.addEventListener("submit", (e) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.matches("form[data-timer]")) {
      e.preventDefault();
      timerSubmit(form, e.submitter);
    } else if (form.matches("form[data-live]")) {
      e.preventDefault();
      liveSubmit(form, e.submitter);
    }
  });

  document.documentElement.classList.add("live");
  poll();
  setInterval(tick, 1000);
  setInterval(poll, POLL_MS);
  setInterval(() => {
    if (!document.hidden) refresh();
  }, REFRESH_MS);
})();
