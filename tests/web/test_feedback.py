"""«Var dette nyttig?»: stored with topic and yes/no, never with the user's text."""

import dataclasses

from sqlalchemy import create_engine, inspect, select

from bot.web.app import create_app
from bot.web.feedback import web_feedback


def stored_rows(database_url):
    engine = create_engine(database_url, future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(select(web_feedback)).mappings().all()
    finally:
        engine.dispose()


async def test_feedback_is_stored_with_topic_and_answer_only(client, settings):
    response = await client.post("/api/feedback", json={
        "topic": "tema_vold", "useful": False,
        "text": "Jeg er bekymret for Ola Nordmann", "sender": "test-session-0001"})

    assert response.status == 201
    rows = stored_rows(settings.database_url)
    assert len(rows) == 1
    assert rows[0]["topic"] == "tema_vold" and rows[0]["useful"] is False
    assert rows[0]["created_at"] is not None
    columns = {c["name"] for c in inspect(create_engine(settings.database_url)).get_columns("web_feedback")}
    assert columns == {"id", "created_at", "topic", "useful"}


async def test_free_text_as_topic_is_refused(client, settings):
    for body in [{"topic": "Ola Nordmann slår", "useful": True},
                 {"topic": "x" * 65, "useful": True},
                 {"topic": "tema_vold", "useful": "ja"},
                 {"useful": True}]:
        response = await client.post("/api/feedback", json=body)
        assert response.status == 400, body
        assert "Tilbakemeldingen" in (await response.json())["error"]
    assert await client.post("/api/feedback", json={"topic": "generelt", "useful": True})
    assert [row["topic"] for row in stored_rows(settings.database_url)] == ["generelt"]


async def test_database_down_gives_norwegian_503(aiohttp_client, settings, tmp_path):
    # A path under an existing *file* can never be created as a directory.
    blocker = tmp_path / "fil"
    blocker.write_text("")
    broken = dataclasses.replace(settings, database_url=f"sqlite:///{blocker / 'web.db'}")
    client = await aiohttp_client(create_app(broken))

    response = await client.post("/api/feedback", json={"topic": "generelt", "useful": True})

    assert response.status == 503
    assert "lagre tilbakemeldingen" in (await response.json())["error"]
