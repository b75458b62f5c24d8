"""The privacy page and the accessibility statement the chat links to."""

import dataclasses

import pytest

from bot.platform.settings import Settings
from bot.web.app import create_app


@pytest.fixture
async def named_client(aiohttp_client, settings: Settings):
    named = dataclasses.replace(settings, municipality_name="Bø & Sauherad <test>", retention_days=14)
    return await aiohttp_client(create_app(named))


async def test_privacy_page_says_what_is_stored_and_for_how_long(named_client):
    response = await named_client.get("/personvern")
    assert response.status == 200
    assert response.content_type == "text/html"
    page = await response.text()
    assert "Meldingene lagres i 14 dager og slettes så automatisk." in page
    assert "Du trenger ikke skrive navn" in page
    assert "sender ingenting til barnevernet" in page
    # The municipality's name is text, never markup.
    assert "Bø &amp; Sauherad &lt;test&gt;" in page and "<test>" not in page
    assert "Dette er en demoversjon." in page
    assert "$" not in page


async def test_accessibility_statement_template_is_served(named_client):
    response = await named_client.get("/tilgjengelighet")
    assert response.status == 200
    page = await response.text()
    assert "<h1>Tilgjengelighetserklæring" in page
    assert "Bø &amp; Sauherad &lt;test&gt;" in page
    assert "$" not in page


async def test_page_templates_are_not_served_raw(named_client):
    for name in ("personvern.html", "tilgjengelighet.html"):
        assert (await named_client.get(f"/static/{name}")).status == 404


async def test_info_pages_carry_the_strict_security_policy(named_client):
    for path in ("/personvern", "/tilgjengelighet"):
        csp = (await named_client.get(path)).headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
