// Accessibility fixes to the theme's markup that Material's templates offer no block for.
// Each is re-applied after instant navigation swaps the page.
document$.subscribe(() => {
  // Glossary terms (abbreviations appended to every page) become focusable, so a keyboard
  // reader gets the definition tooltip that hovering gives.
  for (const term of document.querySelectorAll(".md-content abbr[title]")) term.tabIndex = 0;
  // Checklist boxes are named by their item's text; a bare checkbox says nothing to a reader.
  for (const box of document.querySelectorAll(".task-list-item input[type=checkbox]")) {
    const item = box.closest(".task-list-item");
    box.setAttribute("aria-label", (item?.textContent ?? "").trim().slice(0, 120));
  }
});
// The search overlay and the loading bar are in the header, which instant navigation keeps.
document.querySelector(".md-search")?.setAttribute("aria-label", "Search the site");
document.querySelector(".md-progress")?.setAttribute("aria-label", "Loading the page");
// Tests wait for this mark before auditing a page: the fixes above are in place from here on.
document.documentElement.dataset.atlasA11y = "ready";
