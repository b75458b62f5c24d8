"""Recall on acute messages and false-alarm rate on harmless look-alikes."""

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from bot.safety.acute import AcuteDangerDetector, DangerCategory, default_detector

HERE = Path(__file__).parent
REQUIRED_RECALL = 1.0
# The held-out recall measured after its misses (children
# alone, a missing child, danger in the home) were closed with general
# patterns: 22 of 22. Lower it only with a reason written here.
HELDOUT_RECALL_FLOOR = 1.0
MAX_FALSE_ALARM_RATE = 0.05
# Negated and neutral look-alikes (issue 15): 9 of 20 fired before the negation
# rule, 7 of 20 after it. The 7 are kept firing on purpose: only a lone denial is
# cut, never one with more words, a contrast or «bare» beside it (they may tell a
# danger no pattern knows); see the comments at `negated_harm`.
NEGATED_FALSE_ALARM_CEILING = 0.35


def read_messages(name: str) -> List[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def measure(detector: AcuteDangerDetector, acute_file: str,
            lookalike_file: str) -> Tuple[float, float, List[str], List[str]]:
    acute, lookalikes = read_messages(acute_file), read_messages(lookalike_file)
    missed = [m for m in acute if detector.detect(m) is None]
    false_alarms = [m for m in lookalikes if detector.detect(m) is not None]
    recall = 1 - len(missed) / len(acute)
    false_alarm_rate = len(false_alarms) / len(lookalikes)
    return recall, false_alarm_rate, missed, false_alarms


def report(results: Dict[str, str], name: str, acute_file: str, lookalike_file: str,
           recall: float, false_alarm_rate: float) -> None:
    line = (f"treff (recall) {recall:.1%} av {len(read_messages(acute_file))} akutte, "
            f"falske alarmer {false_alarm_rate:.1%} av {len(read_messages(lookalike_file))} harmløse")
    results[name] = line
    print(f"\n{name}: {line}")


@pytest.fixture(scope="module")
def detector() -> AcuteDangerDetector:
    return default_detector()


def test_labelled_set_is_large_enough():
    assert len(read_messages("acute_messages.txt")) >= 90
    assert len(read_messages("lookalikes.txt")) >= 90
    assert len(read_messages("heldout_acute.txt")) >= 20
    assert len(read_messages("heldout_lookalikes.txt")) >= 20
    assert len(read_messages("negated_acute.txt")) >= 40
    assert len(read_messages("negated_lookalikes.txt")) >= 20
    assert len(read_messages("short_acute.txt")) >= 10


def test_labelled_set_recall_and_false_alarms(detector, acute_results):
    recall, far, missed, false_alarms = measure(detector, "acute_messages.txt", "lookalikes.txt")
    report(acute_results, "Merket sett", "acute_messages.txt", "lookalikes.txt", recall, far)
    assert recall == REQUIRED_RECALL, f"Ikke fanget: {missed}"
    assert far <= MAX_FALSE_ALARM_RATE, f"Falske alarmer: {false_alarms}"


def test_heldout_set_keeps_its_recall_floor(detector, acute_results):
    """Written after the patterns and never copied into them; a drop below the floor is a gap."""
    recall, far, missed, false_alarms = measure(detector, "heldout_acute.txt", "heldout_lookalikes.txt")
    report(acute_results, "Holdt-ut sett", "heldout_acute.txt", "heldout_lookalikes.txt", recall, far)
    assert recall >= HELDOUT_RECALL_FLOOR, f"Ikke fanget: {missed}"
    assert far <= MAX_FALSE_ALARM_RATE, f"Falske alarmer: {false_alarms}"


# Issue 15: emergencies in negated words («vil ikke leve», «slutter ikke å slå»), and
# short reports of danger now («pappa har en kniv») the whole net once missed.
ISSUE_15_SETS = [
    ("Nektende ord", "negated_acute.txt", "negated_lookalikes.txt", NEGATED_FALSE_ALARM_CEILING),
    ("Korte meldinger", "short_acute.txt", "short_lookalikes.txt", MAX_FALSE_ALARM_RATE),
]


@pytest.mark.parametrize("name, acute_file, lookalike_file, ceiling", ISSUE_15_SETS)
def test_issue_15_sets_keep_every_emergency(detector, acute_results, name, acute_file,
                                            lookalike_file, ceiling):
    recall, far, missed, false_alarms = measure(detector, acute_file, lookalike_file)
    report(acute_results, name, acute_file, lookalike_file, recall, far)
    assert recall == REQUIRED_RECALL, f"Ikke fanget: {missed}"
    assert far <= ceiling, f"Falske alarmer: {false_alarms}"


@pytest.mark.parametrize("message", [
    "jeg har jo ikke blitt slått",
    "mamma har aldri slått oss",
    "ingen har slått meg",
    "usikker på samværet",
])
def test_a_denied_blow_alone_is_not_acute(detector, message):
    assert detector.detect(message) is None


@pytest.mark.parametrize("message", [
    # a time word: it happens at other times
    "han har ikke slått meg i dag",
    "pappa har ikke slått meg ennå",
    # a contrast or more words: the rest may be a danger without a pattern of its own
    "han har ikke slått meg, men han holdt meg rundt halsen",
    "han har ikke slått meg. han holdt meg rundt halsen",
    "han har ikke slått meg, jeg blør",
    # the denial was asked for or untrue
    "jeg løy og sa at jeg ikke ble slått",
    "pappa sier jeg må si at jeg ikke er blitt slått",
    # a wish and the present are not a denial
    "jeg vil ikke bli slått mer",
    "han slutter ikke å slå meg",
])
def test_a_negation_that_is_no_denial_still_fires(detector, message):
    assert detector.detect(message) is not None


@pytest.mark.parametrize("message, category", [
    ("han banker meg", DangerCategory.VIOLENCE),
    ("ho slår meg", DangerCategory.VIOLENCE),
    ("pappa e full og slår", DangerCategory.VIOLENCE),
    ("hun vil ta livet sitt", DangerCategory.SUICIDE),
    ("æ vil dø", DangerCategory.SUICIDE),
    ("jeg ble voldtatt", DangerCategory.SEXUAL_ABUSE),
    ("babyen puster ikke", DangerCategory.DANGER_NOW),
    # the kinds the held-out misses revealed, in other words
    ("ungene er alene og mora er rusa", DangerCategory.DANGER_NOW),
    ("finner ikke sønnen min", DangerCategory.DANGER_NOW),
    ("toåringen har drukket rensemiddel", DangerCategory.DANGER_NOW),
    ("onkel vil at jeg skal holde det hemmelig", DangerCategory.SEXUAL_ABUSE),
    ("han tar på meg når mamma ikke er hjemme", DangerCategory.SEXUAL_ABUSE),
    # suicide outranks violence, so the reply carries 113
    ("han slår meg og jeg vil ikke leve lenger", DangerCategory.SUICIDE),
])
def test_category(detector, message, category):
    match = detector.detect(message)
    assert match is not None and match.category is category


@pytest.mark.parametrize("misspelt, word", [
    ("selvmrod", "selvmord"), ("voltatt", "voldtatt"), ("overgerp", "overgrep"),
])
def test_misspelt_key_words_are_corrected(detector, misspelt, word):
    assert detector.normalise(f"hun snakker om {misspelt}").endswith(word)


def test_idiom_is_cut_out_but_the_rest_still_counts(detector):
    assert detector.detect("jeg dør av latter") is None
    assert detector.detect("jeg dør av latter, men han slår meg") is not None


@pytest.mark.parametrize("message", [
    "barna er alene hjemme i en time etter skolen, er det greit?",
    "vi kjøpte gasskomfyr til hytta",
    "datteren min rømte fra middagen",
    "pappa sa det var hemmelig hva jeg får til bursdagen",
    "jeg drukner i lekser",
])
def test_everyday_words_of_the_new_kinds_are_not_acute(detector, message):
    assert detector.detect(message) is None


def test_empty_text_is_not_acute(detector):
    assert detector.detect("   ") is None
