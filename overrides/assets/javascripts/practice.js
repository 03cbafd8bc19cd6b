// Practice mode for worked designs: each of the nine step sections is hidden behind a reveal
// button, so a reader can answer a step before reading it. The choice is remembered across
// pages and visits. Without JavaScript nothing is hidden. A worked design is recognised by its
// fixed outline (validated by `mlsd validate`): a "Clarifying questions" section, then
// sections whose ids start with the step number.
const KEY = "atlas.practice";

function stored() {
  try {
    return localStorage.getItem(KEY) === "on";
  } catch {
    return false; // storage disabled: practice mode simply starts off
  }
}

function remember(on) {
  try {
    localStorage.setItem(KEY, on ? "on" : "off");
  } catch {
    /* the mode still works for this page */
  }
}

// Moves everything between a step heading and the next h2 into one container.
function wrap(heading, index) {
  const answer = document.createElement("div");
  answer.className = "atlas-answer";
  answer.id = `atlas-answer-${index}`;
  while (heading.nextElementSibling && heading.nextElementSibling.tagName !== "H2") {
    answer.append(heading.nextElementSibling);
  }
  const reveal = document.createElement("button");
  reveal.type = "button";
  reveal.className = "md-button atlas-reveal";
  reveal.setAttribute("aria-controls", answer.id);
  reveal.textContent = `Reveal step ${heading.id.split("-")[0]}`;
  reveal.addEventListener("click", () => {
    answer.hidden = false;
    reveal.hidden = true;
  });
  heading.after(reveal, answer);
  return { answer, reveal };
}

function setUp() {
  const article = document.querySelector(".md-content article");
  if (!article?.querySelector("h2#clarifying-questions-and-assumptions")) return;
  // The page template renders the toggle (so nothing moves when this script runs).
  const toggle = document.querySelector(".atlas-practice-toggle");
  if (!toggle) return;
  const steps = [...article.querySelectorAll("h2")].filter((h) => /^[1-9]-/.test(h.id));
  // Steps are wrapped the first time practice mode is on: moving every section of a long page
  // restyles all of it, a cost the readers who never practise need not pay at load.
  let parts = null;

  function apply(on) {
    toggle.setAttribute("aria-pressed", String(on));
    if (!on && !parts) return;
    parts ??= steps.map(wrap);
    for (const { answer, reveal } of parts) {
      answer.hidden = on;
      reveal.hidden = !on;
    }
  }

  toggle.addEventListener("click", () => {
    const on = toggle.getAttribute("aria-pressed") !== "true";
    remember(on);
    apply(on);
  });
  apply(stored());
}

document$.subscribe(setUp);
