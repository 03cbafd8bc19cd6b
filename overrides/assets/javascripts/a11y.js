// Accessibility fixes to the theme's markup that Material's templates offer no block for.
document$.subscribe(() => {
  // Glossary terms (abbreviations appended to every page) become focusable, so a keyboard
  // reader gets the definition that hovering shows (atlas.css draws it).
  for (const term of document.querySelectorAll(".md-content abbr[title]")) term.tabIndex = 0;
  // Checklist boxes are named by their item's text; a bare checkbox says nothing to a reader.
  for (const box of document.querySelectorAll(".task-list-item input[type=checkbox]")) {
    const item = box.closest(".task-list-item");
    box.setAttribute("aria-label", (item?.textContent ?? "").trim().slice(0, 120));
  }
});
document.querySelector(".md-search")?.setAttribute("aria-label", "Search the site");
// Tests wait for this mark before auditing a page: the fixes above are in place from here on.
document.documentElement.dataset.atlasA11y = "ready";
