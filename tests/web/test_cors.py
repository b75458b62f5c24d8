"""CORS: only origins listed in WEB_CORS_ORIGINS may use the chat from another site."""

from web_fakes import SENDER

ALLOWED = "https://intranett.kommune.example"
FOREIGN = "https://ondsinnet.example"


async def test_allowed_origin_gets_cors_headers_on_chat_and_static(client):
    for method, path, body in [("POST", "/api/chat", {"sender": SENDER, "message": "hei"}),
                               ("GET", "/static/chat.js", None),
                               ("GET", "/api/config", None)]:
        response = await client.request(method, path, json=body, headers={"Origin": ALLOWED})
        assert response.status == 200, path
        assert response.headers["Access-Control-Allow-Origin"] == ALLOWED, path
        assert "Origin" in response.headers.getall("Vary"), path


async def test_foreign_origin_gets_no_cors_headers(client):
    response = await client.get("/static/chat.js", headers={"Origin": FOREIGN})
    assert response.status == 200
    assert "Access-Control-Allow-Origin" not in response.headers


async def test_foreign_origin_cannot_post_to_rasa(client, fake_rasa):
    response = await client.post("/api/chat", json={"sender": SENDER, "message": "hei"},
                                 headers={"Origin": FOREIGN})
    assert response.status == 403
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "tilgang" in (await response.json())["error"]
    assert fake_rasa.received == []


async def test_same_origin_post_is_allowed_without_listing(client, fake_rasa):
    origin = f"http://{client.server.host}:{client.server.port}"
    response = await client.post("/api/chat", json={"sender": SENDER, "message": "hei"},
                                 headers={"Origin": origin})
    assert response.status == 200
    assert len(fake_rasa.received) == 1


async def test_preflight_for_allowed_origin(client):
    response = await client.options("/api/chat", headers={
        "Origin": ALLOWED, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status == 204
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"] == "Content-Type"
    assert "Content-Security-Policy" in response.headers


async def test_preflight_for_foreign_origin_is_refused(client):
    response = await client.options("/api/chat", headers={
        "Origin": FOREIGN, "Access-Control-Request-Method": "POST"})
    assert response.status == 403
    assert "Access-Control-Allow-Origin" not in response.headers
