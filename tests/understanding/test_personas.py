"""Who is asking, read from whole conversations written as four people would write them: a
helsesykepleier, a teacher, a frightened parent and a 14-year-old (tests/conversations/personas.yml).
Each case is a message that was read wrongly; none is from the dev set."""

import pytest

from bot.knowledge.model import Role
from bot.understanding.reading import read_message
from bot.understanding.roles import role_in, role_named


@pytest.mark.parametrize("text, role", [
    ("helsesykepleier her. en gutt i 9. klasse sier han kutter seg", Role.HEALTH),
    ("kontaktlærer på 7. trinn. en elev sa at pappa slår henne når han er full", Role.SCHOOL),
    ("lærer her. elev har høyt fravær og virker sliten", Role.SCHOOL),
    ("hei, helsesøster på ungdomsskolen her, et spørsmål om samtykke", Role.HEALTH),
    # Persona round 2 (staff): in a hurry, without «jeg», and volunteers (private persons).
    ("hei er kontaktlærer, en elev i 5 klasse har hatt blåmerker", Role.SCHOOL),
    ("er helsesykepleier på ungdomsskolen", Role.HEALTH),
    ("e lærar", Role.SCHOOL),
    ("jeg er fotballtrener for et g12 lag, en av guttene sa at stefaren slår ham", Role.PARENT_OR_PRIVATE),
    ("jeg er frivillig i idrettslaget", Role.PARENT_OR_PRIVATE),
])
def test_a_message_that_opens_with_who_writes_names_the_role(text, role):
    assert role_in(text, asked=False) is role


@pytest.mark.parametrize("text", ["mamma slår meg her hjemme", "pappa på jobb hele tida", "hun er 12"])
def test_a_parent_word_or_someone_elses_age_at_the_start_is_no_role_of_the_writer(text):
    assert role_in(text, asked=False) in (None, Role.PARENT_OR_PRIVATE)
    assert role_in(text, asked=False) is not Role.YOUTH


@pytest.mark.parametrize("text", ["er 15", "e 14 år", "er 13."])
def test_the_age_alone_is_a_young_person(text):
    assert role_in(text, asked=False) is Role.YOUTH


@pytest.mark.parametrize("text", [
    "hun sier at mamma slo henne i går",
    "kontaktlærer på 7. trinn. en elev sa at pappa slår henne når han er full",
    "helsesykepleier her. en gutt i 9. klasse sier han kutter seg",
    "kan helsesykepleier si det til meg hvis han forteller?",
])
def test_an_adult_retelling_what_a_child_said_is_not_the_child(text):
    assert read_message(text).asker not in ("youth_self", "youth_friend")


@pytest.mark.parametrize("text", [
    "pappa slår meg noen ganger men ikke ofte",
    "mamma og pappa drikker masse hver helg",
    "jeg blir slått av stefaren min når mamma er på jobb",
])
def test_a_young_person_about_home_is_still_a_young_person(text):
    assert read_message(text).asker == "youth_self"


@pytest.mark.parametrize("text", [
    "må legen si ifra til foreldrene mine hvis jeg får p-piller",
    "kan helsesøster fortelle det til mamma",
    "kan eg snakke med nokon utan at dei får vite det",
])
def test_a_young_persons_confidentiality_question_without_the_word(text):
    assert read_message(text).kind == "confidentiality"


def test_a_teacher_asking_whether_to_report_to_the_police_is_still_a_duty_question():
    assert read_message("må læreren si ifra til barnevernet?").kind == "duty"


@pytest.mark.parametrize("text", ["hvem kan jeg si det til", "kven skal eg fortelje det til?"])
def test_someone_to_tell_is_a_contact_question_not_confidentiality(text):
    assert read_message(text).kind == "contact"


@pytest.mark.parametrize("text", ["han drikker når han har barna", "eksen blir full på samværet"])
def test_the_other_parent_drinking_with_the_children_is_a_worry(text):
    assert "parent_mental_substance" in read_message(text).concerns


def test_a_teen_drinking_is_not_a_parents_drinking():
    assert "parent_mental_substance" not in read_message("han drikker hver helg med vennene sine").concerns


@pytest.mark.parametrize("text", ["noen har delt nakenbilder av meg", "en gutt spredte en video av meg på snap"])
def test_pictures_of_the_writer_shared_is_a_young_person_about_themselves(text):
    """Persona (14-year-old): «noen har delt nakenbilder av meg» was not read as the writer's own."""
    assert read_message(text).asker == "youth_self"


def test_an_ex_without_a_child_is_not_a_parent():
    """Persona: a young person's «eksen min» was read as a parent's former partner."""
    assert read_message("eksen min truer med å dele bilder").asker != "parent_worried"
    assert read_message("eksen min vil ikke la meg se barna").asker == "parent_worried"


@pytest.mark.parametrize("text", [
    "jeg ønsker ikke at foreldrene mine får greie på at jeg går til psykolog",
    "vil ikke at mamma får vite om det, må hun det?",
])
def test_not_wanting_the_parents_to_know_is_a_confidentiality_question(text):
    """The rule on young people's confidentiality is shown only when it is asked; «ønsker ikke
    at foreldrene får vite» asks it without a word about confidentiality."""
    assert read_message(text).kind == "confidentiality"


# Persona round 2 (staff).

@pytest.mark.parametrize("text", ["er lærere pliktige til å melde?", "er legen min pliktig til å si det?",
                                  "er barnevernet åpent nå?", "jeg trener fotball hver dag"])
def test_others_asked_about_are_not_the_writer(text):
    assert role_in(text, asked=False) is None


def test_volunteers_asked_about_are_private_persons():
    assert role_named("har fotballtrenere meldeplikt?") is Role.PARENT_OR_PRIVATE


@pytest.mark.parametrize("text", ["ho vil ikkje at eg seier det til nokon", "hun vil ikke at jeg sier det til noen",
                                  "ho bad meg halde det hemmeleg",
                                  "kan jeg snakke med helsestasjonen om det?"])
def test_keeping_it_secret_or_sharing_with_a_service_is_confidentiality(text):
    assert read_message(text).kind == "confidentiality"


def test_the_service_to_share_with_is_not_the_writers_workplace():
    assert read_message("kan jeg snakke med helsestasjonen om det?").sector is None


@pytest.mark.parametrize("text", ["må jeg si det til rektor først?", "må jeg si det til styreren?",
                                  "må lederen godkjenne meldingen?"])
def test_whether_the_leader_must_know_first_is_about_the_duty(text):
    assert read_message(text).kind == "duty"


@pytest.mark.parametrize("text", [
    "PPT her. Har en elev på 8 år med store lærevansker, mor møter aldri opp. Er dette noe for barnevernet?",
    "er dette en barnevernssak?", "bør barnevernet kobles inn?"])
def test_whether_a_case_is_one_for_barnevernet_is_about_the_duty(text):
    """A PPT worker's question got the word list's «PPT – pedagogisk-psykologisk tjeneste»."""
    assert read_message(text).kind == "duty"


def test_a_profession_as_a_heading_is_the_writer():
    text = "helsesykepleier. 14-åring med kuttskader på armen. foreldrene vet ikke."
    assert role_in(text, asked=False) is Role.HEALTH
    assert "self_harm" in read_message(text).concerns


@pytest.mark.parametrize("text", ["jeg har en barnevernsak og vil bytte saksbehandler",
                                  "skal barnevernet sette inn tiltak vi ikke vil ha?"])
def test_a_case_one_has_or_a_measure_is_no_question_of_whether_to_report(text):
    assert read_message(text).kind != "duty"
