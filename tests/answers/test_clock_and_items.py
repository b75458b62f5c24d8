from datetime import datetime

from bot.dialogue.answers.clock import clock_line, weekly_hours
from bot.dialogue.answers.items import ItemRef, ask_button
from bot.knowledge.model import ItemKind, OpeningHours, TimeRange

from tests.answers.conftest import OSLO

OFFICE = (TimeRange(480, 930),)


def test_days_with_the_same_hours_are_joined():
    hours = OpeningHours(weekly=(OFFICE,) * 4 + ((TimeRange(480, 900),),) + ((),) * 2)
    assert weekly_hours(hours) == "mandag–torsdag 08.00–15.30, fredag 08.00–15.00"


def test_night_hours_and_whole_days():
    night = (TimeRange(0, 480), TimeRange(930, 1440))
    hours = OpeningHours(weekly=(night,) * 5 + ((TimeRange(0, 1440),),) * 2)
    assert weekly_hours(hours) == ("mandag–fredag 00.00–08.00 og 15.30–24.00, "
                                   "lørdag–søndag hele døgnet")


def test_an_opening_past_midnight_shows_its_real_end():
    hours = OpeningHours(weekly=((TimeRange(1320, 1560),),) + ((),) * 6)
    assert weekly_hours(hours) == "mandag 22.00–02.00"


def test_the_clock_line_names_the_weekday():
    assert clock_line(datetime(2026, 11, 28, 21, 5, tzinfo=OSLO)) == "Klokka er nå 21.05, lørdag 28.11."


def test_an_item_reference_survives_a_button_payload():
    item = ItemRef(ItemKind.RULE, "anonym-drofting")
    assert ItemRef.parse(str(item)) == item
    assert ask_button("Anonym drøfting", item).payload == '/ask_rule{"kb_item": "regel:anonym-drofting"}'
    assert ItemRef.parse("ukjent:x") is None and ItemRef.parse(None) is None
