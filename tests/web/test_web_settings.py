"""/api/config and the web settings read from the environment."""

import shutil

import pytest
import yaml

from bot.knowledge.store import load_directory
from bot.platform.settings import PROJECT_ROOT, Settings


async def test_config_reports_demo_mode_and_municipality(client, settings):
    response = await client.get("/api/config")
    assert await response.json() == {
        "demo": True, "municipality": "Kommunen", "logo": "",
        "messageMaxChars": settings.message_max_chars,
        "retentionDays": settings.retention_days, "btiLevels": {}}


async def test_config_follows_the_loaded_knowledge_base(client, settings, tmp_path):
    content = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", content)
    municipality_file = content / "kommune.yml"
    municipality = yaml.safe_load(municipality_file.read_text(encoding="utf-8"))
    municipality["kommune"].update({"navn": "Prøve kommune", "demo": False})
    municipality_file.write_text(yaml.safe_dump(municipality, allow_unicode=True), encoding="utf-8")
    load_directory(content, settings.database_url)

    body = await (await client.get("/api/config")).json()
    assert (body["demo"], body["municipality"]) == (False, "Prøve kommune")
    assert body["logo"] == "/static/logo-demo.svg"
    assert (await client.get(body["logo"])).status == 200
    # The chat explains «BTI-nivå 3» with the glossary's own words.
    assert sorted(body["btiLevels"]) == ["0", "1", "2", "3"]
    assert body["btiLevels"]["3"].startswith("Flere tjenester samarbeider over tid")


def test_web_settings_from_env(monkeypatch):
    monkeypatch.setenv("WEB_CORS_ORIGINS", "https://a.example/, https://b.example")
    monkeypatch.setenv("WEB_MESSAGE_MAX_CHARS", "500")
    monkeypatch.setenv("WEB_RATE_LIMIT_PER_MINUTE", "30")
    monkeypatch.setenv("WEB_RATE_LIMIT_BURST", "5")
    monkeypatch.setenv("DEMO_MODE", "false")
    monkeypatch.setenv("MUNICIPALITY_NAME", "Eksempel kommune")
    settings = Settings.from_env()
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert (settings.message_max_chars, settings.rate_limit_per_minute,
            settings.rate_limit_burst) == (500, 30, 5)
    assert settings.demo_mode is False
    assert settings.municipality_name == "Eksempel kommune"
    assert settings.web_host == "127.0.0.1"


def test_web_settings_defaults(monkeypatch):
    for name in ("WEB_CORS_ORIGINS", "WEB_MESSAGE_MAX_CHARS", "DEMO_MODE", "WEB_HOST"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings.from_env()
    assert settings.cors_origins == ()
    assert settings.demo_mode is True
    assert settings.message_max_chars == 1000


@pytest.mark.parametrize("name, value", [("DEMO_MODE", "kanskje"),
                                         ("WEB_MESSAGE_MAX_CHARS", "0"),
                                         ("WEB_RATE_LIMIT_BURST", "mange")])
def test_bad_web_settings_stop_with_norwegian_message(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit, match=name):
        Settings.from_env()
