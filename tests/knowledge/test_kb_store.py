"""Loading and live reloading are all-or-nothing."""

import time

import pytest
import yaml
from sqlalchemy import inspect

from bot.knowledge import store
from bot.knowledge.repository import KnowledgeBaseEmpty, KnowledgeRepository
from bot.knowledge.store import (
    KnowledgeBaseInvalid,
    LoadStatus,
    load_directory,
    load_if_changed,
    stored_state,
)

NEW_PHONE = "62 00 00 99"


def set_helsestasjon_phone(directory, phone):
    path = directory / "tjenester-lokale.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(s for s in data["tjenester"] if s["id"] == "helsestasjon")["telefon"] = phone
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def phone_of(repository, service_id="helsestasjon"):
    return repository.snapshot().service(service_id).phones[0].display


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'var' / 'kb.db'}"


def test_load_stores_everything_in_kb_tables(content_copy, database_url, kb):
    started = time.perf_counter()
    result = load_directory(content_copy, database_url)
    print(f"\nlast inn: {time.perf_counter() - started:.3f} s, {result.item_count} elementer")
    assert result.status is LoadStatus.LOADED and result.version == 1
    snapshot = KnowledgeRepository(database_url).snapshot()
    assert snapshot.services.keys() == kb.services.keys()
    assert snapshot.nodes == kb.nodes
    assert snapshot.rules == kb.rules
    assert snapshot.municipality.name == "Demo kommune"
    assert all(name.startswith("kb_") for name in store.metadata.tables)
    tables = set(inspect(store.engine_for(database_url)).get_table_names())
    assert tables == {"kb_items", "kb_state"}


def test_repository_before_first_load_says_so(database_url):
    with pytest.raises(KnowledgeBaseEmpty, match="kb load"):
        KnowledgeRepository(database_url).snapshot()


def test_change_is_live_without_restart(content_copy, database_url):
    load_directory(content_copy, database_url)
    repository = KnowledgeRepository(database_url, check_interval=0)
    assert phone_of(repository) == "62 00 00 20"
    set_helsestasjon_phone(content_copy, NEW_PHONE)
    load_directory(content_copy, database_url)
    assert phone_of(repository) == NEW_PHONE
    assert repository.snapshot().version == 2


def test_repository_checks_version_only_after_interval(content_copy, database_url):
    load_directory(content_copy, database_url)
    now = [0.0]
    repository = KnowledgeRepository(database_url, check_interval=5, clock=lambda: now[0])
    first = repository.snapshot()
    set_helsestasjon_phone(content_copy, NEW_PHONE)
    load_directory(content_copy, database_url)
    now[0] = 4.0
    assert repository.snapshot() is first
    now[0] = 5.0
    assert phone_of(repository) == NEW_PHONE


def test_bad_file_leaves_previous_content(content_copy, database_url):
    load_directory(content_copy, database_url)
    repository = KnowledgeRepository(database_url, check_interval=0)
    set_helsestasjon_phone(content_copy, "12")
    with pytest.raises(KnowledgeBaseInvalid, match="ikke et gyldig norsk telefonnummer"):
        load_directory(content_copy, database_url)
    assert stored_state(database_url)[0] == 1
    assert phone_of(repository) == "62 00 00 20"


def test_failure_inside_the_transaction_rolls_back(content_copy, database_url, monkeypatch):
    load_directory(content_copy, database_url)
    set_helsestasjon_phone(content_copy, NEW_PHONE)

    def fail(connection, fingerprint):
        raise RuntimeError("databasen falt ut")

    monkeypatch.setattr(store, "_write_state", fail)
    with pytest.raises(RuntimeError):
        load_directory(content_copy, database_url)
    monkeypatch.undo()
    repository = KnowledgeRepository(database_url)
    assert phone_of(repository) == "62 00 00 20"
    assert len(repository.snapshot().services) > 10


def test_load_if_changed(content_copy, database_url):
    assert load_if_changed(content_copy, database_url).status is LoadStatus.LOADED
    assert load_if_changed(content_copy, database_url).status is LoadStatus.UNCHANGED
    set_helsestasjon_phone(content_copy, "12")
    invalid = load_if_changed(content_copy, database_url)
    assert invalid.status is LoadStatus.INVALID and invalid.version == 1
    assert invalid.report.errors
    set_helsestasjon_phone(content_copy, NEW_PHONE)
    loaded = load_if_changed(content_copy, database_url)
    assert loaded.status is LoadStatus.LOADED and loaded.version == 2
    assert phone_of(KnowledgeRepository(database_url)) == NEW_PHONE


def test_repository_search_follows_new_content(content_copy, database_url, monkeypatch, norwegian_nlp):
    monkeypatch.setattr("bot.knowledge.search.default_nlp", lambda: norwegian_nlp)
    load_directory(content_copy, database_url)
    repository = KnowledgeRepository(database_url, check_interval=0)
    assert repository.search("tannlege") == []
    path = content_copy / "ordliste.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - id: tannhelse\n    begrep: Tannhelsetjenesten\n"
        "    synonymer: [tannlege]\n    forklaring: Gratis tannhelse for barn.\n",
        encoding="utf-8",
    )
    load_directory(content_copy, database_url)
    assert repository.search("tannlege")[0].id == "tannhelse"


def test_a_repeated_search_shows_a_content_change_at_the_next_version_check(
        content_copy, database_url, monkeypatch, norwegian_nlp):
    monkeypatch.setattr("bot.knowledge.search.default_nlp", lambda: norwegian_nlp)
    load_directory(content_copy, database_url)
    now = [0.0]
    repository = KnowledgeRepository(database_url, check_interval=0.25, clock=lambda: now[0])
    before = repository.search("stafettlogg")
    assert repository.search("stafettlogg") == before  # the second time from the cache
    path = content_copy / "ordliste.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "begrep: Stafettlogg\n", "begrep: Stafettlogg (digital)\n"), encoding="utf-8")
    load_directory(content_copy, database_url)

    now[0] += 0.1
    assert repository.search("stafettlogg") == before  # not asked the database yet
    now[0] += 0.15
    assert "Stafettlogg (digital)" in [hit.title for hit in repository.search("stafettlogg")]
