"""A stand-in for Rasa and the action server, so the browser tests need no trained model.

It also serves /host.html, a page of another origin that embeds the widget, and
/__received, the messages it got, so tests can check what the chat sent.

    python fake_backend.py --port 5005 --web-url http://127.0.0.1:8080
"""

import argparse
import asyncio

from aiohttp import web

# Long enough for a test (and a person) to see the typing indicator.
REPLY_DELAY_SECONDS = 0.4

GUIDE_BUTTONS = [
    {"title": "Vold eller overgrep", "payload": "/tema_vold"},
    {"title": "Omsorgssvikt", "payload": "/tema_omsorgssvikt"},
]
REPLIES = {
    "/tema_vold": [
        {"text": "Ved mistanke om vold: snakk med lederen din, og ring barnevernvakten på "
                 "22 33 44 55. Les mer på https://www.bufdir.no/vold/.",
         "custom": {"topic": "tema_vold"}},
        {"text": "Oppsummering\n- Snakk med lederen din i dag.\n"
                 "- Barnevernvakten: 22 33 44 55\n- Akutt fare: ring 112"},
    ],
    "/tema_omsorgssvikt": [
        {"text": "Ved omsorgssvikt: meld bekymringen til barneverntjenesten på 987 65 432.",
         "custom": {"topic": "tema_omsorgssvikt"}},
    ],
    "start på nytt": [
        {"text": "Vi begynner på nytt. Hva gjelder bekymringen din?", "buttons": GUIDE_BUTTONS},
    ],
}
DEFAULT_REPLY = [{"text": "Hva gjelder bekymringen din?", "buttons": GUIDE_BUTTONS}]

# Shaped like the real guide's messages (bot/dialogue/guide/render.py): a title with its
# BTI level, advice, sections with «•» lines and sources, and many choices.
START_CHOICES = [
    "Barnet er i fare akkurat nå",
    "Jeg tror barnet blir utsatt for vold eller seksuelle overgrep",
    "En forelder har psykisk sykdom eller rusproblemer",
    "En gravid bruker rusmidler",
    "Barnet får ikke god nok omsorg (mat, klær, søvn, tilsyn)",
    "Barnet har selv alvorlig atferd eller bruker rusmidler",
    "Jeg har bare en vag uro, en magefølelse",
    "Jeg er bekymret og vil gå fram steg for steg",
    "Jeg er forelder eller privatperson",
    "Tilbake",
]
START_REPLY = [{
    "text": "Hva er du bekymret for?\nTakk for at du bryr deg. Velg det som passer best. "
            "Du kan alltid gå tilbake.",
    "buttons": [{"title": t, "payload": f"/guide_answer_{n}"} for n, t in enumerate(START_CHOICES)],
}]
# A legal answer as bot/dialogue/answers/compose.py writes it: title, short answer, details, source.
RULE_REPLY = [
    {"text": "Avvergingsplikt\nKort svar: Alle har plikt til å prøve å hindre visse alvorlige "
             "lovbrudd. Ring politiet på 112 når det haster, ellers på 02800.\n"
             "Plikten gjelder når det er sikkert eller mest sannsynlig at en alvorlig straffbar "
             "handling er eller vil bli begått. Plikten gjelder selv om du har taushetsplikt.\n"
             "Kilde: Straffeloven § 196 (sist kontrollert 22.11.2026). Søk den opp på "
             "https://lovdata.no."},
    {"text": "Er du i tvil? Drøft saken uten navn med barnevernet:\n"
             "• Demo og omegn barneverntjeneste: 62 00 00 10 (åpent nå, stenger kl. 15.30)\n"
             "Lokale telefonnumre og åpningstider er eksempler i denne demoen."},
]
VIOLENCE_REPLY = [
    {"text": "Er barnet i fare nå? Ring 112. Er du selv utsatt for vold, kan du ringe "
             "Vold- og overgrepslinjen på 116 006."},
    {"text": "Mistanke om vold eller seksuelle overgrep (BTI-nivå 3)\n"
             "Ikke ta det opp med foreldrene først. Det kan gjøre det farligere for barnet. "
             "Lytt til barnet, men ikke still ledende spørsmål og ikke forhør. Skriv ned det "
             "barnet sa, med barnets egne ord. Følg rutinen for vold og overgrep.\n"
             "Regler som gjelder:\n"
             "• Opplysningsplikt til barnevernet (meldeplikt): Som forelder eller privatperson har "
             "du ikke plikt til å melde. Du kan likevel alltid melde bekymring til barnevernet.\n"
             "  Kilde: Barnevernsloven § 13-2, https://lovdata.no/lov/2021-06-18-97/§13-2 "
             "(sist kontrollert 22.11.2026).\n"
             "• Avvergingsplikt: Alle har plikt til å prøve å hindre visse alvorlige lovbrudd. "
             "Ring politiet på 112 når det haster, ellers på 02800.\n"
             "  Kilde: Straffeloven § 196 (sist kontrollert 22.11.2026). Søk den opp på "
             "https://lovdata.no.\n"
             "Rutiner:\n"
             "• Rutine ved mistanke om vold og seksuelle overgrep: Ikke snakk med foreldrene først. "
             "https://demo-kommune.example/rutiner/vold\n"
             "Hva passer best?",
     "buttons": [
         {"title": "Barnet er i fare akkurat nå", "payload": "/guide_answer_fare"},
         {"title": "Mistanken er sterk", "payload": "/guide_answer_sterk"},
         {"title": "Jeg er usikker", "payload": "/guide_answer_usikker"},
         {"title": "Tilbake", "payload": "/guide_back"},
         {"title": "Oppsummering", "payload": "/guide_summary"},
     ]},
]
# Returned for any message about "markup": markup and unsafe links must stay text.
HOSTILE_REPLY = [{
    "text": "<script>window.__botXss = true</script><img src=x onerror=\"window.__botXss = true\">"
            " Ring Alarmtelefonen på 116 111, Kirkens SOS på +47 22 40 00 40 eller 02800."
            " Se [Bufdir](https://www.bufdir.no). Ikke en lenke: javascript:alert(1)",
}]

HOST_PAGE = """<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Intranett – eksempelside</title><link rel="icon" href="data:,"></head>
<body>
<main><h1>Intranett for ansatte</h1>
<p>Dette er en eksempelside som bygger inn chatten med én script-tagg.</p></main>
<script src="{web_url}/widget.js" defer></script>
</body>
</html>
"""


def build_app(web_url: str) -> web.Application:
    received = []

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        received.append(body)
        await asyncio.sleep(REPLY_DELAY_SECONDS)
        message = body["message"]
        if "markup" in message:
            replies = HOSTILE_REPLY
        elif "avverg" in message:
            replies = RULE_REPLY
        elif "slår" in message:
            replies = VIOLENCE_REPLY
        elif "steg for steg" in message or message.startswith("/guide_answer"):
            replies = START_REPLY
        else:
            replies = REPLIES.get(message, DEFAULT_REPLY)
        return web.json_response([{"recipient_id": body["sender"], **r} for r in replies])

    async def rasa_hello(request: web.Request) -> web.Response:
        return web.Response(text="Hello from Rasa: 3.6.21 (fake)")

    async def action_health(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def host_page(request: web.Request) -> web.Response:
        return web.Response(text=HOST_PAGE.format(web_url=web_url), content_type="text/html")

    async def received_messages(request: web.Request) -> web.Response:
        return web.json_response(received)

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/", rasa_hello)
    app.router.add_get("/health", action_health)
    app.router.add_get("/host.html", host_page)
    app.router.add_get("/__received", received_messages)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--web-url", required=True)
    args = parser.parse_args()
    web.run_app(build_app(args.web_url), host="127.0.0.1", port=args.port, print=None,
                access_log=None)


if __name__ == "__main__":
    main()
