"""How people say who they are and what they want, each with a near miss that must not
fire. Written here in the users' own registers (bokmål, nynorsk, youth language, typos);
none is from the dev set."""

import pytest

from bot.understanding.reading import read_message


def asker(text):
    return read_message(text).asker


def kind(text):
    return read_message(text).kind


# --- Young people --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "skulen har sendt melding til barnevernet, kan dei ta meg frå foreldra mine?",
    "eg er plassert på ein institusjon og vil heim",
    "jeg bor i beredskapshjem nå og savner mamma",
    "dei som jobbar her låser romet mitt om kvelden",
    "barnevernet hører ikke på meg når jeg sier hva jeg vil",
    "heter Sara og er 11, får jeg bestemme hvor jeg skal bo?",
    "jeg er så redd hjemme når pappa har drukket",
])
def test_a_young_person_at_home_or_in_care(text):
    assert asker(text) == "youth_self"


@pytest.mark.parametrize("text", [
    "kan jeg snakke med helsesykepleier uten at noen vet det?",
    "når er helsesøster på min skole?",
    "kva tid er helsestasjon for ungdom open?",
    "jeg går i 9. klasse og har ingen å prate med",
    "lover du å ikke si det videre hvis jeg forteller noe?",
    "kan eg ha vorte utsett for noko på festen utan å hugse det?",
])
def test_a_young_persons_own_school_and_services(text):
    assert asker(text) == "youth_self"


def test_promising_a_child_something_is_not_a_young_person_asking():
    assert asker("læreren lovet eleven å ikke si noe, hva gjør vi nå?") == "professional"


def test_a_parent_talking_to_the_school_nurse_about_their_child_is_a_parent():
    assert asker("jeg vil snakke med helsesykepleier om sønnen min som ikke spiser") == "parent_worried"


def test_a_teacher_naming_a_pupil_is_not_a_young_person():
    assert asker("på skolen min har en elev fortalt at hun blir slått") == "professional"


def test_parents_at_work_are_not_the_writers_role():
    assert asker("foreldrene mine jobber begge på skolen, og jeg har det vondt hjemme") == "youth_self"
    assert asker("jeg jobber på skolen og en elev har det vondt hjemme") == "professional"


def test_the_writers_friends_in_general_are_not_a_friend_asked_about():
    assert asker("jeg bor på institusjon og får ikke treffe mine venner") == "youth_self"
    assert asker("venninna mi bor på institusjon og har det vondt") == "youth_friend"


# --- Parents and private persons -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "barnefaren drikker når ungene er hos ham, hva gjør jeg?",
    "samværet med far er annenhver helg men jeg er urolig",
    "eksen min kjører i fylla med ungene i bilen",
    "kan vi få hjelp av familievernet når vi krangler mye?",
    "er krisesenteret for meg, selv om han bare truer?",
])
def test_a_parent_by_family_and_the_services_for_families(text):
    assert asker(text) == "parent_worried"


@pytest.mark.parametrize("text", [
    "kan jeg melde anonymt?",
    "hvem kan sende melding til barnevernet?",
    "bør jeg si ifra til barnevernet?",
    "hva skjer hvis jeg ringer barnevernvakta i natt?",
    "jeg er bekymret for et barn, hva gjør jeg",
])
def test_what_staff_and_private_persons_both_say_leaves_the_asker_open(text):
    # A teacher says these too, and must not be told that they have no duty to report.
    assert asker(text) == "unknown"


@pytest.mark.parametrize("text", [
    "når skal jeg melde til barnevernet?",
    "er jeg forpliktet til å melde når foreldrene har hjelp?",
    "hva kan vi drøfte med barnevernet uten navn?",
])
def test_a_duty_to_report_is_staff_asking(text):
    assert asker(text) == "professional"


@pytest.mark.parametrize("text", [
    "barnevernet vil sette inn hjelpetiltak som vi ikke vil ha",
    "de har fattet akuttvedtak, hva nå?",
    "må jeg møte i samtalen med barnevernet?",
    "kan man klage på vedtaket til statsforvalteren?",
    "noen har sendt en falsk bekymringsmelding om oss",
    "kan jeg be om en annen saksbehandler enn barnevernets saksbehandler?",
    "føler at barnevernet trakasserer oss etter at de fikk en melding",
])
def test_the_family_meets_barnevernets_measures(text):
    assert asker(text) == "parent_reported"


def test_a_worker_in_barnevernet_is_staff_not_a_family():
    assert asker("jeg er saksbehandler i barnevernet og lurer på samtykke") == "professional"


def test_a_child_in_care_complaining_is_still_the_child():
    assert asker("jeg bor i fosterhjem og vil klage på vedtaket") == "youth_self"


# --- Staff by their own words ---------------------------------------------------------

@pytest.mark.parametrize("text, sector", [
    ("når inntrer opplysningsplikten?", None),
    ("hvem er stafettholder i barnehagen når vi starter BTI?", "barnehage"),
    ("hvordan snakke med barn om vold?", None),
    ("korleis snakkar eg med barn om det dei har sett?", None),
    ("hva skjer når barnehagen melder?", "barnehage"),
    ("hvilke krav stiller loven til barnehagepersonalet?", "barnehage"),
])
def test_staff_by_their_duties_and_tools(text, sector):
    reading = read_message(text)
    assert reading.asker == "professional"
    assert reading.sector == sector


@pytest.mark.parametrize("text", ["hva betyr BTI?", "kven er stafetthaldar?", "forklar stafettlogg", "bti?",
                                  "va betyr opplysningsplikt"])
def test_looking_up_a_staff_word_does_not_make_the_asker_staff(text):
    assert asker(text) == "unknown"


def test_a_relay_race_is_not_a_staff_word():
    assert asker("vi vant stafetten på skoleidretten i dag") != "professional"


def test_a_pupil_about_someone_in_their_class_is_a_young_person():
    assert asker("en i klassen min har alltid de samme klærne og ingen matpakke") == "youth_self"


def test_a_parent_asking_about_the_kindergarten_is_not_staff():
    assert asker("barnehagen har meldt oss, hva skjer nå?") == "parent_reported"


# --- What kind of answer -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "hvem kan jeg snakke med om dette?",
    "kven skal eg ringe?",
    "hvor melder man fra?",
    "kva kan familievernet hjelpe oss med?",
    "hvor kan jeg ringe utenom kontortid?",
    "når er helsesykepleieren til stede?",
    "hvordan kan vi få hjelp av PPT?",
])
def test_whom_to_turn_to_is_a_contact_question(text):
    assert kind(text) == "contact"


def test_what_i_can_do_to_help_is_not_a_contact_question():
    assert kind("hva kan jeg gjøre for å hjelpe henne?") == "what_to_do"
    assert kind("når er det lurt å melde?") != "contact"


@pytest.mark.parametrize("text", [
    "får jeg bestemme selv hvor jeg skal bo?",
    "kan barnevernet tvinge meg til å flytte?",
    "hva har jeg krav på som fosterbarn?",
    "er det tillatt å gi ungen en lett klaps?",
    "må foreldrene stille opp hvis de ikke vil?",
    "er det lov å lese dagboka til en 14-åring?",
])
def test_choosing_being_forced_or_entitled_is_a_rights_question(text):
    assert kind(text) == "rights"


@pytest.mark.parametrize("text", [
    "hva innebærer en undersøkelse?",
    "hvordan påvirker foreldres drikking barna?",
    "hvorfor sier ikke barn ifra?",
    "kven er stafetthaldar?",
    "hva gjør en barnekoordinator?",
])
def test_an_explanation_is_a_term_question(text):
    assert kind(text) == "term"


def test_what_i_do_is_not_a_term_question():
    assert kind("hva gjør jeg når en elev forteller om vold?") == "what_to_do"


@pytest.mark.parametrize("text", [
    "gjeller tausetsplikten for helsesøster?",
    "har læreren lov å si til de andre hva jeg sa?",
    "jeg vil virkelig ikke at pappa skal få vite det",
    "kan skolen dele informasjon med barnevernet uten samtykke?",
])
def test_keeping_it_secret_is_a_confidentiality_question(text):
    assert kind(text) == "confidentiality"


@pytest.mark.parametrize("text", [
    "når bør du melde til barnevernet?",
    "er jeg forpliktet til å varsle?",
    "er dette alvorlig nok til å melde?",
    "må jeg gripe inn selv?",
])
def test_whether_to_report_is_a_duty_question(text):
    assert kind(text) == "duty"


# --- What it concerns ----------------------------------------------------------------

@pytest.mark.parametrize("text, concern", [
    ("hun har begynt å skjære seg på armene", "self_harm"),
    ("mora til ungen var tydelig beruset da hun hentet", "parent_mental_substance"),
    ("de drikker og fester hjemme hver helg", "parent_mental_substance"),
    ("han tok en overdose på fest", "child_behaviour"),
    ("ingen voksne følger med på ham", "neglect"),
    ("de som jobber der holdt meg fast på gulvet", "violence"),
    ("jeg mistenker at jenta i nabohuset ikke har det bra", "gut_feeling"),
])
def test_concerns_in_peoples_words(text, concern):
    assert concern in read_message(text).concerns


def test_a_bare_worry_names_no_concern_so_the_walk_asks_about_danger_first():
    assert read_message("jeg er bekymret for et barn").concerns == ()


def test_worry_with_a_named_harm_is_not_only_a_gut_feeling():
    assert read_message("jeg er bekymret for et barn som blir slått").concerns == ("violence",)


def test_a_young_persons_own_drinking_at_a_party_is_not_a_parents():
    assert "parent_mental_substance" not in read_message("jeg drakk meg full på fest i helga").concerns


def test_only_a_pupil_has_a_teacher_of_their_own():
    assert asker("læreren min sa til hele klassen at en av elevene var syk, har hun lov?") == "youth_self"
    assert asker("læreren på skolen sa at en av elevene var syk, hva gjør vi?") != "youth_self"
