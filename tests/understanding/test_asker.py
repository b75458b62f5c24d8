"""Who is asking, read from the words alone: young people by what happens to them, private
persons near a child that is not theirs, parents reported by a kindergarten or school.
The messages are written here, in many registers; none is from the dev set."""

import pytest

from bot.understanding.reading import read_message


@pytest.mark.parametrize("text", [
    "jeg blir slått av stefaren min når mamma er på jobb",
    "eg vart mobba heile førre året og no har det byrja igjen",
    "har begynt med selvskading igjen etter jul, hva gjør jeg",
    "jeg kuttet meg i går og ingen vet det",
    "får læreren lov å si til andre lærere det jeg har fortalt henne?",
    "jeg snakket med helsesøster om noe privat, kan hun fortelle det videre?",
    "Jeg er en gutt på 14 år og vil ikke bo hjemme lenger",
    "er det lov å ta ungen fra meg hvis jeg blir mor som 16-åring?",
])
def test_a_young_person_about_themselves(text):
    assert read_message(text).asker == "youth_self"


@pytest.mark.parametrize("text", [
    "jeg har en venn som sier at faren hennes slår",
    "en kompis av meg har sluttet å spise, hva kan jeg gjøre",
])
def test_a_young_person_about_a_friend(text):
    assert read_message(text).asker == "youth_friend"


@pytest.mark.parametrize("text", [
    "naboungen er alltid ute sent om kvelden og virker sulten",
    "barnebarnet mitt forteller at det er mye krangling hjemme",
    "vi har en sønn på 15 som har begynt å skulke",
    "min datter på 12 vil ikke spise, hva gjør vi",
    "bestemor her. Jeg er urolig for jenta til sønnen min",
])
def test_a_parent_or_private_person_worried_about_a_child(text):
    assert read_message(text).asker == "parent_worried"


@pytest.mark.parametrize("text", [
    "skolen har sendt en bekymringsmelding om oss, hva betyr det for min familie?",
    "sendte barnehagen en melding uten å snakke med oss først? kan de det",
    "jeg er redd legen vil koble inn barnevernet hvis jeg sier at jeg sliter",
    "barnevernet har besluttet å åpne undersøkelse hos oss",
    "de vil ta rustest av meg hver uke, kan jeg nekte?",
])
def test_a_parent_who_is_reported_or_fears_it(text):
    assert read_message(text).asker == "parent_reported"


@pytest.mark.parametrize("text, sector", [
    ("et av barna i barnehagen kommer ofte uten matpakke", "barnehage"),
    ("eit av barna i gruppa har blåmerke, kva gjer eg", None),
    ("jeg jobber med barn og har en vond magefølelse om en gutt", None),
])
def test_staff_by_the_child_at_their_workplace(text, sector):
    reading = read_message(text)
    assert reading.asker == "professional"
    if sector:
        assert reading.sector == sector


def test_the_place_a_report_goes_is_not_the_writers_workplace():
    assert read_message("jeg jobber med barn, når skal jeg melde til barnevernet?").sector is None


def test_asking_about_anonymity_does_not_make_the_asker_staff():
    assert read_message("kan man melde uten å oppgi navn?").asker == "unknown"


@pytest.mark.parametrize("text, kind", [
    ("hvem kan sende en bekymringsmelding?", "duty"),
    ("hvordan blir meldingen fulgt opp?", "after_report"),
    ("hva gjør barnevernet når de mottar en melding?", "after_report"),
    ("kan legen fortelle mine foreldre hva jeg sa?", "confidentiality"),
])
def test_the_kind_of_answer_wanted(text, kind):
    assert read_message(text).kind == kind


@pytest.mark.parametrize("text", [
    "fosterforeldrene mine leser meldingene mine, er det lov?",
    "eg bur på institusjon og vil heim att",
])
def test_a_child_in_care_is_a_young_person(text):
    assert read_message(text).asker == "youth_self"


def test_a_foster_parent_is_not_taken_for_the_child():
    assert read_message("fosterhjemmet vårt har fått en ny gutt på 9").asker != "youth_self"


def test_being_a_good_friend_to_someone_is_a_young_person_about_a_friend():
    assert read_message("hvordan kan jeg være en god venn for ei som har det vondt?").asker == "youth_friend"


@pytest.mark.parametrize("text, kind", [
    ("hva er familievernkontoret?", "term"),
    ("kva er ein barnekoordinator", "term"),
    ("hva er en undersøkelse hos barnevernet?", "after_report"),  # its own kind wins over a plain «hva er»
])
def test_a_short_what_is_question_names_a_thing(text, kind):
    assert read_message(text).kind == kind


def test_self_harm_with_nobody_named_gets_the_young_persons_answer():
    assert read_message("hvorfor kutter noen seg selv?").asker == "youth_self"


def test_a_sibling_is_asked_about_like_a_friend():
    assert read_message("jeg har en storebror som ruser seg").asker == "youth_friend"


def test_fear_of_losing_the_child_is_a_parent_afraid_of_barnevernet():
    assert read_message("kan jeg bli fratatt ungen fordi jeg er syk?").asker == "parent_reported"


@pytest.mark.parametrize("text", [
    "blir det ikke bare verre for ungen om jeg sender en melding?",
    "kan vi ikke heller ordne det selv i barnehagen?",
    "familien har jo tiltak fra barnevernet, må jeg da melde?",
])
def test_a_reason_not_to_report_is_a_duty_question(text):
    assert "duty" in (read_message(text).kind, *read_message(text).other_kinds)


def test_a_child_refusing_is_not_a_question_about_rights():
    assert read_message("sønnen min nekter å gå til legen, hva gjør jeg").kind != "rights"
    assert read_message("kan jeg nekte barnevernet å komme hjem til oss?").kind == "rights"


def test_doubting_ones_own_worry_is_a_gut_feeling():
    assert "gut_feeling" in read_message("tar jeg feil, eller lager jeg en sak av en bagatell?").concerns


def test_bullying_with_nobody_named_gets_the_young_persons_answer():
    assert read_message("de andre fryser meg ut hver dag, hva gjør jeg").asker == "youth_self"
    assert read_message("dattera mi blir mobbet på skolen").asker == "parent_worried"


@pytest.mark.parametrize("text", [
    "hva gjør de voksnes drikking med barna?",
    "rusmisbruket hjemme går ut over ungene, hva kan naboer gjøre",
])
def test_the_adults_drinking_is_a_parents_substance_use(text):
    assert "parent_mental_substance" in read_message(text).concerns


def test_the_strongest_measures_are_a_question_about_rights():
    assert read_message("kan de gjøre akuttvedtak uten at vi får si noe?").kind == "rights"
