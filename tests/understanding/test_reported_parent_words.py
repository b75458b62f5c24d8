"""A parent whose family is reported, in the words of the persona role-play (issue 15): a
kindergarten that «har meldt bekymring for dattera mi» got the parent the kindergarten's
phone number, and «jeg har fått brev fra barnevernet» only the service's. Written here."""

import pytest

from bot.understanding.reading import read_message


@pytest.mark.parametrize("text", [
    "barnehagen har meldt bekymring for dattera mi",
    "skulen har meldt oss, kva no",
    "jeg har fått brev fra barnevernet",
    "eg fekk innkalling frå barnevernet i dag",
    "vi har mottatt vedtak fra barnevernet",
    "vi har fått melding om at barnevernet skal undersøke familien",
    "barnevernet skal undersøke oss neste uke",
])
def test_a_parent_whose_family_is_reported(text):
    assert read_message(text).asker == "parent_reported"


@pytest.mark.parametrize("text", [
    "jeg fikk brev fra skolen om foreldremøte",
    "jeg er lærer og skolen har meldt bekymring for en elev",
    "barnevernet skal undersøke familien til en elev",
])
def test_a_letter_from_someone_else_or_staff_reporting_is_no_reported_parent(text):
    assert read_message(text).asker != "parent_reported"
