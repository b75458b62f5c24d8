"""`kb check`: each kind of mistake gives a plain Norwegian message with file and place."""

from datetime import date
from pathlib import Path
from typing import Callable

import pytest
import yaml

from bot.knowledge.checker import check_directory
from bot.knowledge.cli import main as kb_main
from bot.platform.settings import PROJECT_ROOT

CONTENT_DIR = PROJECT_ROOT / "knowledge"


def edit(directory: Path, file: str, change: Callable[[dict], None]) -> None:
    path = directory / file
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def item(data: dict, section: str, item_id: str) -> dict:
    return next(i for i in data[section] if i["id"] == item_id)


def test_real_content_has_no_errors(checked_content):
    assert checked_content.report.errors == []


BROKEN = [
    pytest.param(
        "kommune.yml",
        lambda d: d["kommune"].update(logo="https://andre.example/logo.svg"),
        "«logo»: «https://andre.example/logo.svg» skal være et filnavn i bot/web/static/",
        id="logo-from-another-site",
    ),
    pytest.param(
        "tjenester-lokale.yml",
        lambda d: item(d, "tjenester", "helsestasjon").pop("telefon"),
        "knowledge/tjenester-lokale.yml, tjeneste «helsestasjon»: mangler telefonnummer («telefon»)",
        id="missing-phone",
    ),
    pytest.param(
        "tjenester-lokale.yml",
        lambda d: item(d, "tjenester", "helsestasjon")["åpningstider"].update(mandag="08:00–25:00"),
        "knowledge/tjenester-lokale.yml, tjeneste «helsestasjon», åpningstider, "
        "åpningstider mandag: 25:00 er ikke et gyldig klokkeslett",
        id="hour-25",
    ),
    pytest.param(
        "tjenester-lokale.yml",
        lambda d: item(d, "tjenester", "ppt").update(telefon="12 34"),
        "tjeneste «ppt», telefon: «12 34» er ikke et gyldig norsk telefonnummer",
        id="invalid-phone",
    ),
    pytest.param(
        "tjenester-lokale.yml",
        lambda d: item(d, "tjenester", "ppt").update(apningstider={"mandag": "08:00–15:00"}),
        "tjeneste «ppt»: ukjent felt «apningstider». Mente du «åpningstider»?",
        id="typo-in-field-name",
    ),
    pytest.param(
        "handlingsveileder.yml",
        lambda d: item(d, "handlingsveileder", "start")["valg"].append(
            {"tekst": "Noe annet", "til": "finnes-ikke"}),
        "knowledge/handlingsveileder.yml, steg «start»: viser til steget «finnes-ikke», som ikke finnes",
        id="unknown-node",
    ),
    pytest.param(
        "handlingsveileder.yml",
        lambda d: item(d, "handlingsveileder", "niva0-skriv-ned").pop("valg"),
        "steg «niva0-skriv-ned»: steget har ingen vei videre",
        id="node-without-way-out",
    ),
    pytest.param(
        "handlingsveileder.yml",
        lambda d: item(d, "handlingsveileder", "utfall-avslutt").pop("kontakter"),
        "steg «utfall-avslutt»: et utfall må nevne minst én kontakt",
        id="outcome-without-contact",
    ),
    pytest.param(
        "handlingsveileder.yml",
        lambda d: item(d, "handlingsveileder", "niva3-samarbeid").update(
            valg=[{"tekst": "Les igjen", "til": "niva3-samarbeid"}]),
        "steg «niva3-samarbeid»: fra dette steget kommer man aldri til et utfall",
        id="loop-without-outcome",
    ),
    pytest.param(
        "handlingsveileder.yml",
        lambda d: item(d, "handlingsveileder", "utfall-avslutt").update(kontakter=["helsesøster"]),
        "steg «utfall-avslutt»: «kontakter»: «helsesøster» er ikke en gyldig id",
        id="contact-not-an-id",
    ),
    pytest.param(
        "handlingsveileder.yml",
        lambda d: item(d, "handlingsveileder", "utfall-avslutt").update(kontakter=["tannlege"]),
        "steg «utfall-avslutt»: viser til tjenesten «tannlege», som ikke finnes",
        id="unknown-contact",
    ),
    pytest.param(
        "regler.yml",
        lambda d: item(d, "regler", "samtykke").pop("kilder"),
        "knowledge/regler.yml, regel «samtykke»: regelen har ingen kilde («kilder»)",
        id="rule-without-source",
    ),
    pytest.param(
        "regler.yml",
        lambda d: item(d, "regler", "opplysningsplikt")["kilder"][1].update(verifisert=False),
        "regel «opplysningsplikt», kilde nr. 2: kilden er ikke kontrollert, så den kan ikke ha paragrafnummer",
        id="unverified-section",
    ),
    pytest.param(
        "regler.yml",
        lambda d: item(d, "regler", "samtykke").pop("sist_kontrollert"),
        "regel «samtykke»: mangler «sist_kontrollert»",
        id="verified-rule-without-date",
    ),
    pytest.param(
        "regler.yml",
        lambda d: item(d, "regler", "samtykke")["roller"].update(lærer="tekst"),
        "regel «samtykke», roller: ukjent felt «lærer»",
        id="unknown-role",
    ),
    pytest.param(
        "rutiner.yml",
        lambda d: item(d, "rutiner", "stafettlogg").update(eier="sampro"),
        "rutine «stafettlogg»: viser til tjenesten «sampro», som ikke finnes",
        id="routine-unknown-owner",
    ),
    pytest.param(
        "ordliste.yml",
        lambda d: d["ordliste"].append(dict(d["ordliste"][0])),
        "begrep «bti»: id-en «bti» er brukt før",
        id="duplicate-id",
    ),
]


@pytest.mark.parametrize("file, change, expected", BROKEN)
def test_broken_file_gives_expected_message(content_copy, file, change, expected):
    edit(content_copy, file, change)
    report = check_directory(content_copy, today=date(2026, 11, 30)).report
    messages = [str(p) for p in report.errors]
    assert any(expected in m for m in messages), "\n".join(messages)


def test_yaml_syntax_error_names_the_line(content_copy):
    path = content_copy / "ordliste.yml"
    path.write_text("ordliste:\n  - id: bti\n    begrep: [uten slutt\n", encoding="utf-8")
    messages = [str(p) for p in check_directory(content_copy).report.errors]
    assert any(m.startswith("knowledge/ordliste.yml: filen kan ikke leses (linje") for m in messages)


def test_old_and_unverified_rules_are_warnings_not_errors(content_copy):
    edit(content_copy, "regler.yml", lambda d: item(d, "regler", "avvergingsplikt").update(
        verifisert=False, sist_kontrollert=None))
    report = check_directory(content_copy, today=date(2028, 1, 1)).report
    warnings = [str(p) for p in report.warnings]
    assert report.ok
    assert any("regel «samtykke»: sist kontrollert 2026-11-22, for over 12 måneder siden" in w
               for w in warnings)
    assert any("regel «avvergingsplikt»: regelen er ikke kontrollert" in w for w in warnings)


def test_recently_checked_rule_gives_no_age_warning():
    report = check_directory(CONTENT_DIR, today=date(2026, 12, 1)).report
    assert not any("12 måneder" in str(w) for w in report.warnings)


def test_cli_exit_code_follows_errors(content_copy, capsys):
    assert kb_main(["--mappe", str(content_copy), "check"]) == 0
    edit(content_copy, "regler.yml", lambda d: item(d, "regler", "samtykke").pop("kilder"))
    assert kb_main(["--mappe", str(content_copy), "check"]) == 1
    assert "regelen har ingen kilde" in capsys.readouterr().out


def test_the_fast_yaml_parser_reads_every_content_file_as_pyyaml_does():
    import yaml

    from bot.knowledge.source import SAFE_LOADER, content_files
    from bot.platform.settings import PROJECT_ROOT

    for path in content_files(PROJECT_ROOT / "knowledge"):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=SAFE_LOADER) == yaml.safe_load(text), path.name
