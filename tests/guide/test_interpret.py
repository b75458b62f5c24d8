"""Reading free-text answers: ja/nei/vet ikke, roles and the guide's options."""

import pytest

from bot.dialogue.guide.interpret import Reply, asks_to_go_back, reply_in, similarity
from bot.understanding.roles import role_in
from bot.knowledge.model import Role


@pytest.mark.parametrize("text, reply", [
    ("ja", Reply.YES), ("Ja!", Reply.YES), ("jepp", Reply.YES),
    ("nei", Reply.NO), ("Nei.", Reply.NO), ("nei, ikkje no", Reply.NO),
    ("vet ikke", Reply.UNSURE), ("veit ikkje", Reply.UNSURE), ("tja", Reply.UNSURE),
])
def test_short_answers(text, reply):
    assert reply_in(text) is reply


def test_a_sentence_is_not_a_short_answer():
    assert reply_in("ja, faren slår ham") is None


@pytest.mark.parametrize("text", ["tilbake", "Gå tilbake", "forrige", "gå attende"])
def test_going_back(text):
    assert asks_to_go_back(text)


@pytest.mark.parametrize("text, role", [
    ("jeg er lærer", Role.SCHOOL),
    ("eg er kontaktlærar", Role.SCHOOL),
    ("jobber i barnehagen", Role.KINDERGARTEN),
    ("barnehagelærer", Role.KINDERGARTEN),
    ("helsesykepleier", Role.HEALTH),
    ("eg er helsesjukepleiar", Role.HEALTH),
    ("NAV", Role.NAV),
    ("jobber i rustjenesten", Role.MENTAL_HEALTH_AND_SUBSTANCE),
    ("forelder", Role.PARENT_OR_PRIVATE),
    ("er bare nabo", Role.PARENT_OR_PRIVATE),
    ("jeg er 15", Role.YOUTH),
    ("eg er 14 år", Role.YOUTH),
])
def test_roles_when_asked(text, role):
    assert role_in(text, asked=True) is role


def test_a_place_in_the_worry_is_not_the_users_role():
    assert role_in("jeg er bekymret for et barn i barnehagen", asked=False) is None
    assert role_in("en elev som sier at mor drikker", asked=False) is None


def test_a_clear_statement_in_the_worry_gives_the_role():
    assert role_in("jeg er lærer og bekymret for en elev", asked=False) is Role.SCHOOL


def test_similarity_tolerates_typos_and_endings():
    assert similarity("overgrep", "overgrep") == 1.0
    assert similarity("rus", "ruser") > 0.5
    assert similarity("magefolelse", "magefølelse") > 0.5
    assert similarity("mor", "morgen") == 0.0


@pytest.mark.parametrize("text, target", [
    ("vold", "vold-mistanke"),
    ("jeg tror han blir slått", "vold-mistanke"),
    ("mamma drikker mye", "forelder-psykisk-rus"),
    ("mora er psykisk sjuk", "forelder-psykisk-rus"),
    ("gravid og ruser seg", "gravid-rus"),
    ("ungdommen røyker hasj", "barn-atferd-rus"),
    ("bare en magefølelse", "magefolelse"),
    ("berre ei kjensle", "magefolelse"),
    ("jeg er nabo", "privatperson"),
])
def test_worry_in_own_words(kb, matcher, text, target):
    assert matcher.match(text, kb.start_node, kb).target == target


def test_ja_nei_vet_ikke_pick_the_fitting_option(kb, matcher):
    node = kb.node("vurder-opplysningsplikt")
    assert matcher.match("ja", node, kb).target == "utfall-meld-barnevern"
    assert matcher.match("vet ikke", node, kb).target == "anonym-drofting"


def test_ja_to_the_only_way_on_goes_on(kb, matcher):
    assert matcher.match("ja", kb.node("niva0-skriv-ned"), kb).target == "niva0-drofte"


def test_negation_decides_between_similar_options(kb, matcher):
    node = kb.node("vold-usikker")
    assert matcher.match("de mente det ikke var grunn til å melde", node, kb).target == "utfall-folg-med"


def test_ambiguous_or_unrelated_answers_match_nothing(kb, matcher):
    assert matcher.match("nei", kb.node("forelder-voksentjeneste"), kb) is None  # two "nei" options
    assert matcher.match("hva er klokka", kb.start_node, kb) is None


def test_option_by_number(kb, matcher):
    assert matcher.match("2", kb.start_node, kb) == kb.start_node.choices[1]
