"""Recall on acute messages and false-alarm rate on harmless look-alikes."""

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from bot.safety.acute import AcuteDangerDetector, DangerCategory, default_detector

HERE = Path(__file__).parent
REQUIRED_RECALL = 1.0
MAX_FALSE_ALARM_RATE = 0.05


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


def test_labelled_set_recall_and_false_alarms(detector, acute_results):
    recall, far, missed, false_alarms = measure(detector, "acute_messages.txt", "lookalikes.txt")
    report(acute_results, "Merket sett", "acute_messages.txt", "lookalikes.txt", recall, far)
    assert recall == REQUIRED_RECALL, f"Ikke fanget: {missed}"
    assert far <= MAX_FALSE_ALARM_RATE, f"Falske alarmer: {false_alarms}"


def test_heldout_set_is_reported(detector, acute_results):
    """Written after the patterns; reported, never tuned to, so no recall bar."""
    recall, far, _, _ = measure(detector, "heldout_acute.txt", "heldout_lookalikes.txt")
    report(acute_results, "Holdt-ut sett", "heldout_acute.txt", "heldout_lookalikes.txt", recall, far)
    assert 0.0 <= recall <= 1.0 and far <= MAX_FALSE_ALARM_RATE


@pytest.mark.parametrize("message, category", [
    ("han banker meg", DangerCategory.VIOLENCE),
    ("ho slår meg", DangerCategory.VIOLENCE),
    ("pappa e full og slår", DangerCategory.VIOLENCE),
    ("hun vil ta livet sitt", DangerCategory.SUICIDE),
    ("æ vil dø", DangerCategory.SUICIDE),
    ("jeg ble voldtatt", DangerCategory.SEXUAL_ABUSE),
    ("babyen puster ikke", DangerCategory.DANGER_NOW),
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


def test_empty_text_is_not_acute(detector):
    assert detector.detect("   ") is None
