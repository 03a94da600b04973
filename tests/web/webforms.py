"""What a browser does before posting one of the app's forms: load the page, keep the
session cookie it sets (TestClient keeps cookies) and send back the form's token."""
from __future__ import annotations

import re

TOKEN = re.compile(r'<input type="hidden" name="csrf_token" value="([0-9a-f]+)">')


def form_token(client, page: str = "/") -> str:
    """The form token on ``page``, for this client's session."""
    found = TOKEN.search(client.get(page).text)
    assert found, f"no form token on {page}"
    return found.group(1)
