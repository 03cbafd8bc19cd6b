"""URL normalisation: when are two URLs the same resource?"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

# Parameters that track a click and never change what the page shows.
TRACKING = re.compile(r"^(utm_\w+|source|next_slideshow|feature|ref|fbclid|gclid|mc_[ce]id)$")


def normalise(url: str) -> str:
    """Compare URLs as a reader would: ignore scheme, `www.`, trailing slash, fragment and
    tracking parameters; host case too."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    if parts.port:
        host += f":{parts.port}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)
    ]
    path = parts.path.rstrip("/")
    return host + path + (f"?{urlencode(query)}" if query else "")
