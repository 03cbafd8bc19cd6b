// Glossary terms (abbreviations appended to every page) are made focusable, so a keyboard
// reader gets the same definition tooltip that hovering gives.
document$.subscribe(() => {
  for (const term of document.querySelectorAll(".md-content abbr[title]")) term.tabIndex = 0;
});
