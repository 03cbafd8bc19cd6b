// The search index is the heaviest download of the site, and most visits never search.
// Material requests it at page load; this script, which runs before Material's bundle, holds
// that one request back until the reader reaches for search (pointer on the search button,
// focus in the search box, or a search shortcut key), then lets it go unchanged.
(() => {
  const INDEX = "search/search_index.json";
  const { open, send } = XMLHttpRequest.prototype;
  let release;
  const needed = new Promise((resolve) => (release = resolve));

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.atlasDeferred = String(url).endsWith(INDEX);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.atlasDeferred) return send.apply(this, args);
    needed.then(() => send.apply(this, args));
  };

  const wanted = (event) => event.target.closest?.(".md-search, label[for='__search']");
  document.addEventListener("pointerover", (e) => wanted(e) && release(), { passive: true });
  document.addEventListener("focusin", (e) => wanted(e) && release());
  document.addEventListener("keydown", (e) => ["/", "s", "f"].includes(e.key) && release());
  // A shared search link (`?q=…`) opens search straight away.
  if (new URLSearchParams(location.search).has("q")) release();
})();
