"""Security headers on every response, and a page and scripts that never need inline code."""

import re
from html.parser import HTMLParser
from pathlib import Path

from bot.web.app import PAGES_DIR, STATIC_DIR
from web_fakes import SENDER

REQUESTS = [
    ("GET", "/", None, 200),
    ("GET", "/widget.js", None, 200),
    ("GET", "/static/chat.js", None, 200),
    ("GET", "/static/chat.css", None, 200),
    ("GET", "/api/config", None, 200),
    ("GET", "/healthz", None, 200),
    ("POST", "/api/chat", {"sender": SENDER, "message": "hei"}, 200),
    ("POST", "/api/chat", {"sender": SENDER, "message": ""}, 400),
    ("GET", "/finnes-ikke", None, 404),
    ("GET", "/static/../app.py", None, 404),
    ("DELETE", "/api/chat", None, 405),
]


async def test_every_response_carries_the_security_headers(client):
    for method, path, body, status in REQUESTS:
        response = await client.request(method, path, json=body)
        assert response.status == status, (method, path)
        csp = response.headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in csp, path
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["Referrer-Policy"] == "no-referrer", path
        assert response.headers["X-Frame-Options"] == "DENY", path


async def test_api_answers_are_not_cached(client):
    for path in ("/api/config", "/healthz"):
        response = await client.get(path)
        assert response.headers["Cache-Control"] == "no-store"


async def test_errors_are_norwegian_json(client):
    response = await client.get("/finnes-ikke")
    assert await response.json() == {"error": "Fant ikke siden du lette etter."}
    response = await client.delete("/api/chat")
    assert "går ikke an" in (await response.json())["error"]


class _InlineCodeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self._in_script = True
            if not attributes.get("src"):
                self.problems.append("script without src")
        if tag == "style" or "style" in attributes:
            self.problems.append(f"inline style on <{tag}>")
        self.problems += [f"{name} on <{tag}>" for name in attributes if name.startswith("on")]

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("inline script code")


def test_pages_have_no_inline_script_or_style():
    for page in (STATIC_DIR / "index.html", *PAGES_DIR.glob("*.html")):
        finder = _InlineCodeFinder()
        finder.feed(page.read_text(encoding="utf-8"))
        assert finder.problems == [], page


def test_scripts_never_parse_strings_as_html():
    forbidden = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function")
    for script in Path(STATIC_DIR).glob("*.js"):
        assert not forbidden.search(script.read_text(encoding="utf-8")), script.name
