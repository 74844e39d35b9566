// Enhancements only: every page works without this file.
// The people filter submits as you choose an attribute, so a keyboard user still has the button.
document.addEventListener("DOMContentLoaded", () => {
  const attr = document.getElementById("f-attr");
  const value = document.getElementById("f-value");
  if (attr && value) attr.addEventListener("change", () => value.focus());
  // A one-time secret is selected on click, ready to copy.
  for (const el of document.querySelectorAll(".secret")) {
    el.addEventListener("click", () => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
  }
  // Forming sets takes a few seconds: say so on the button while the plain POST runs.
  for (const form of document.querySelectorAll("form[data-busy]")) {
    form.addEventListener("submit", () => {
      const button = form.querySelector("button[type=submit]");
      if (!button) return;
      button.textContent = form.dataset.busy;
      button.setAttribute("aria-busy", "true");
      setTimeout(() => { button.disabled = true; }, 0);
    });
  }
});
