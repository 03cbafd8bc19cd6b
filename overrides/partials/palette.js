// The palette: chosen while the page is parsed (the reader's last choice, else the first option
// whose media query matches, so a dark system gets the dark palette from the first paint), then
// switched by the form. Choices are stored as Material stores them, so its own early script,
// which runs after this one, agrees.
(() => {
  const form = document.currentScript.previousElementSibling;
  const inputs = [...form.querySelectorAll("input")];
  const KEYS = ["media", "scheme", "primary", "accent"];
  const scheme = document.head.appendChild(document.createElement("meta"));
  scheme.name = "color-scheme";
  const bar = document.head.appendChild(document.createElement("meta"));
  bar.name = "theme-color";
  const paintBar = () => {
    bar.content = getComputedStyle(document.querySelector(".md-header")).backgroundColor;
  };

  const apply = (index) => {
    const input = inputs[index];
    input.checked = true;
    for (const key of KEYS) {
      const name = `data-md-color-${key}`;
      document.body.setAttribute(name, input.getAttribute(name));
    }
    // The label after the chosen input is the button that switches to the next palette.
    inputs.forEach((other, i) => {
      const label = other.nextElementSibling;
      if (label?.tagName === "LABEL") label.hidden = i !== index;
    });
    scheme.content = input.dataset.mdColorScheme === "slate" ? "dark" : "light";
  };

  const saved = __md_get("__palette");
  const matching = inputs.findIndex((input) => matchMedia(input.dataset.mdColorMedia).matches);
  apply(inputs[saved?.index] ? saved.index : Math.max(matching, 0));
  // The header's colour for the browser's own bar, read once styles are computed anyway.
  requestAnimationFrame(paintBar);

  form.addEventListener("change", () => {
    const index = inputs.findIndex((input) => input.checked);
    // Material's stylesheet turns transitions off under this attribute, so nothing fades.
    document.body.setAttribute("data-md-color-switching", "");
    apply(index);
    paintBar();
    const color = (key) => [key, inputs[index].getAttribute(`data-md-color-${key}`)];
    __md_set("__palette", { index, color: Object.fromEntries(KEYS.map(color)) });
    requestAnimationFrame(() => document.body.removeAttribute("data-md-color-switching"));
  });
  // Enter on the focused option switches to the next one, as in Material's own toggle.
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = inputs[(inputs.findIndex((input) => input.checked) + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
