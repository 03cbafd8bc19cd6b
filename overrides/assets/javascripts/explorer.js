// Facets, free text and a shareable URL for the catalog table rendered at build time.
// Without this script the page lists the first records and links to all of them; with it, each
// facet shows how many records each value would leave given the other filters, and the URL
// query holds the state.
const FACETS = ["org", "topic", "step", "kind", "industry"];

function setup(root) {
  // The page carries the first page of rows; the others are on a page of their own (data-rows,
  // the whole catalog as one table), fetched the first time the reader reaches for the filters.
  // Only the rows listed are in the document: a keystroke then restyles a page of rows, not a
  // table of thousands with most of them hidden.
  const PAGE = Number(root.dataset.page);
  const total = Number(root.dataset.total);
  const form = root.querySelector("form");
  const status = root.querySelector(".atlas-explorer__status");
  const more = document.createElement("button");
  more.type = "button";
  more.className = "md-button atlas-explorer__more";
  more.hidden = true;
  root.querySelector(".atlas-explorer__scroll").after(more);
  let limit = PAGE;
  const toRow = (el) => {
    const row = { el, year: Number(el.dataset.year) || null, text: el.textContent.toLowerCase() };
    for (const f of FACETS) row[f] = (el.dataset[f] || "").split(" ").filter(Boolean);
    return row;
  };
  const body = root.querySelector("tbody");
  const rows = [...body.rows].map(toRow);
  let complete = rows.length >= total;
  if (complete) root.dataset.complete = "";
  let loading = null;
  function loadAll() {
    loading ??= fetch(new URL(root.dataset.rows, location.href))
      .then((response) => response.text())
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        const have = new Set(rows.map((row) => row.el.id));
        const found = [...page.querySelectorAll(".atlas-catalog tbody tr")].filter(
          (el) => !have.has(el.id),
        );
        rows.push(...found.map((el) => toRow(document.adoptNode(el))));
        complete = true;
        root.dataset.complete = "";
      });
    return loading;
  }
  const selects = Object.fromEntries(FACETS.map((f) => [f, form.elements[f]]));
  // The build writes each option's count for the unfiltered catalog: "Netflix (41)".
  const labels = new Map(
    [...form.querySelectorAll("option")].map((o) => [o, o.textContent.replace(/ \(\d+\)$/, "")]),
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
    const unfiltered = !s.q.length && !s.from && !s.to && FACETS.every((f) => !s[f]);
    if (!complete && (!unfiltered || limit > PAGE)) {
      status.textContent = "Loading the whole catalog…";
      loadAll().then(apply, () => {
        status.textContent = "The catalog could not be loaded; reload the page to try again.";
      });
      return;
    }
    const counts = Object.fromEntries(FACETS.map((f) => [f, new Map()]));
    const listedRows = [];
    let shown = 0;
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
      if (base && failing === 0) {
        if (shown < limit) listedRows.push(row.el);
        shown += 1;
      }
    }
    const current = body.children;
    if (
      listedRows.length !== current.length ||
      listedRows.some((el, i) => el !== current[i])
    ) {
      body.replaceChildren(...listedRows);
    }
    // Until the rows are all there, the counts the build wrote are the right ones.
    for (const f of complete ? FACETS : []) {
      for (const option of selects[f].options) {
        if (!option.value) continue;
        const text = `${labels.get(option)} (${counts[f].get(option.value) || 0})`;
        if (option.textContent !== text) option.textContent = text;
      }
    }
    if (!complete) shown = total;
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
  // Reaching for a filter is the cue to parse the remaining rows, before the first keystroke.
  form.addEventListener("focusin", () => loadAll().catch(() => {}), { once: true });
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
