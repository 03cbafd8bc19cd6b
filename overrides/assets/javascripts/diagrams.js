// Renders ```mermaid fences (emitted as <pre class="atlas-diagram">) with the Mermaid copy that
// the site serves itself. Material's built-in integration would fetch Mermaid from a CDN, so the
// fences use another class. Mermaid is imported only on pages that have a diagram, and the
// subscription to Material's document$ keeps working under instant navigation.
const bundle = new URL("../vendor/mermaid/mermaid.esm.min.mjs", import.meta.url);
const sources = new WeakMap();
let mermaid;
let rendered = 0;

const theme = () =>
  document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "default";

async function render() {
  const pending = [...document.querySelectorAll("pre.atlas-diagram")];
  const drawn = [...document.querySelectorAll("figure.atlas-diagram")];
  if (!pending.length && !drawn.length) return;
  mermaid ??= (await import(bundle.href)).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: theme() });
  for (const pre of pending) {
    const figure = document.createElement("figure");
    figure.className = "atlas-diagram";
    sources.set(figure, pre.textContent);
    pre.replaceWith(figure);
    drawn.push(figure);
  }
  for (const figure of drawn) {
    const { svg } = await mermaid.render(`atlas-diagram-${rendered++}`, sources.get(figure));
    figure.innerHTML = svg;
  }
}

document$.subscribe(() => void render());
// Re-draw in the other palette's colours when the reader toggles dark mode.
new MutationObserver(() => void render()).observe(document.body, {
  attributes: true,
  attributeFilter: ["data-md-color-scheme"],
});
