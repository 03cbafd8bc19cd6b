// Facets, free text and a shareable URL for the catalog table rendered at build time.
// Without this script the table still lists every record; with it, each facet shows how many
// records each value would leave given the other filters, and the URL query holds the state.
const FACETS = ["org", "topic", "step", "kind", "industry"];

function setup(root) {
  // Only the first matches are listed until the reader asks for all of them (data-page, set
  // with the table); the rows past the first page sit in a tbody that stays hidden while none
  // of its rows is listed, so the browser never styles them.
  const PAGE = Number(root.dataset.page) || 100;
  const rest = root.querySelector(".atlas-explorer__rest");
  const form = root.querySelector("form");
  const status = root.querySelector(".atlas-explorer__status");
  const more = document.createElement("button");
  more.type = "button";
  more.className = "md-button atlas-explorer__more";
  more.hidden = true;
  root.querySelector(".atlas-explorer__scroll").after(more);
  let limit = PAGE;
  const total = root.querySelectorAll("tbody tr").length;
  const rows = [...root.querySelectorAll("tbody tr")].map((el) => {
    const row = { el, year: Number(el.dataset.year) || null, text: el.textContent.toLowerCase() };
    for (const f of FACETS) row[f] = (el.dataset[f] || "").split(" ").filter(Boolean);
    return row;
  });
  const selects = Object.fromEntries(FACETS.map((f) => [f, form.elements[f]]));
  const labels = new Map(
    [...form.querySelectorAll("option")].map((o) => [o, o.textContent]),
  );

  function state() {
    const s = { q: form.elements.q.value.trim().toLowerCase().split(/\s+/).filter(Boolean) };
    for (const f of FACETS) s[f] = selects[f].value;
    s.from = Number(form.elements.from.value) || null;
    s.to = Number(form.elements.to.value) || null;
    return s;
  }

  function apply() {
    performance.mark("explorer-start");
    const s = state();
    const counts = Object.fromEntries(FACETS.map((f) => [f, new Map()]));
    let shown = 0;
    let restListed = false;
    for (const row of rows) {
      const base =
        s.q.every((term) => row.text.includes(term)) &&
        (s.from === null || (row.year !== null && row.year >= s.from)) &&
        (s.to === null || (row.year !== null && row.year <= s.to));
      const pass = FACETS.map((f) => !s[f] || row[f].includes(s[f]));
      const failing = pass.filter((p) => !p).length;
      // A facet's counts ignore that facet's own choice, so they say what picking a value gives.
      if (base && failing <= 1) {
        FACETS.forEach((f, i) => {
          if (failing === 0 || !pass[i]) {
            for (const v of row[f]) counts[f].set(v, (counts[f].get(v) || 0) + 1);
          }
        });
      }
      const match = base && failing === 0;
      const visible = match && shown < limit;
      if (row.el.hidden === visible) row.el.hidden = !visible;
      if (visible && row.el.parentElement === rest) restListed = true;
      if (match) shown += 1;
    }
    if (rest && rest.hidden === restListed) rest.hidden = !restListed;
    for (const f of FACETS) {
      for (const option of selects[f].options) {
        if (!option.value) continue;
        const text = `${labels.get(option)} (${counts[f].get(option.value) || 0})`;
        if (option.textContent !== text) option.textContent = text;
      }
    }
    const listed = Math.min(shown, limit);
    status.textContent =
      shown === total
        ? `${total} resources` + (listed < shown ? `, the first ${listed} listed` : "")
        : `${shown} of ${total} resources match` + (listed < shown ? `, the first ${listed} listed` : "");
    more.hidden = listed >= shown;
    more.textContent = `Show all ${shown}`;
    performance.measure("explorer-filter", "explorer-start");
  }

  function save() {
    const params = new URLSearchParams();
    for (const el of form.elements) {
      if (el.name && el.value.trim()) params.set(el.name, el.value.trim());
    }
    const query = params.toString();
    history.replaceState(history.state, "", query ? `?${query}` : location.pathname);
  }

  function restore() {
    const params = new URLSearchParams(location.search);
    for (const el of form.elements) {
      if (el.name && params.has(el.name)) el.value = params.get(el.name);
    }
  }

  more.addEventListener("click", () => {
    limit = Infinity;
    apply();
  });
  form.addEventListener("input", () => {
    limit = PAGE;
    apply();
    save();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () =>
    setTimeout(() => {
      limit = PAGE;
      apply();
      save();
    }),
  );
  restore();
  form.hidden = false;
  apply();
  root.classList.add("atlas-explorer--ready");
  root.explorer = { apply };
}

document$.subscribe(() => {
  for (const root of document.querySelectorAll("[data-explorer]")) {
    if (!root.explorer) setup(root);
  }
});
