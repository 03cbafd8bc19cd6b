// Renders ```mermaid fences with the Mermaid copy that the site serves itself; the build writes
// each as <figure class="atlas-diagram"><pre>… (mlsd/diagrams.py). Material's built-in
// integration would fetch Mermaid from a CDN, so the fences use another class. Mermaid is
// imported only when a diagram comes near the viewport, so a page's first paint and input never
// wait for it. Material's document$ runs it once the page is ready (and again after every page
// swap, should instant navigation be turned on).
const bundle = new URL("../vendor/mermaid/mermaid.esm.min.mjs", import.meta.url);
const sources = new WeakMap();
let mermaid;
let rendered = 0;

const theme = () =>
  document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";

async function draw(figure) {
  mermaid ??= (await import(bundle.href)).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: theme() });
  const { svg } = await mermaid.render(`atlas-diagram-${rendered++}`, sources.get(figure));
  figure.innerHTML = svg;
  figure.dataset.theme = theme();
}

// Diagrams are drawn one after another: Mermaid keeps global state while it renders.
let queue = Promise.resolve();
const enqueue = (figure) => {
  queue = queue.then(() => draw(figure));
  return queue;
};

const nearby = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      nearby.unobserve(entry.target);
      void enqueue(entry.target);
    }
  },
  { rootMargin: "400px 0px" },
);

function setUp() {
  // Until Mermaid draws it, the figure shows the diagram's source, as with JavaScript off.
  for (const figure of document.querySelectorAll("figure.atlas-diagram:not([data-theme])")) {
    sources.set(figure, figure.querySelector("pre").textContent);
    nearby.observe(figure);
  }
}

document$.subscribe(setUp);
// Re-draw drawn diagrams in the other palette's colours when the reader toggles dark mode.
new MutationObserver(() => {
  for (const figure of document.querySelectorAll("figure.atlas-diagram[data-theme]")) {
    if (figure.dataset.theme !== theme()) void enqueue(figure);
  }
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
