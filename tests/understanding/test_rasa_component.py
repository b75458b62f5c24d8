"""The reader as a Rasa component: the reading goes into the message, and a misread
question goes to the direct answer; acute_danger is never replaced."""

import shutil

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge.store import load_directory
from bot.platform.settings import PROJECT_ROOT
from bot.rasa_integration.components.message_reader import MessageReader

KNOWLEDGE = PROJECT_ROOT / "knowledge"


def parsed(text, intent, confidence=0.6):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    return message


@pytest.fixture
def reader():
    return MessageReader(dict(MessageReader.get_default_config(), knowledge_dir=str(KNOWLEDGE)))


def test_the_reading_is_in_the_parsed_output(reader):
    (message,) = reader.process([parsed("foreldrene mine drikker hver helg", "worry_about_child")])
    output = message.as_dict(only_output_properties=True)
    assert output["reading"]["asker"] == "youth_self"


def test_a_mother_afraid_of_barnevernet_is_not_sent_into_the_staff_walk(reader):
    (message,) = reader.process([parsed("Jeg er mor og redd for at barnevernet skal ta barna mine",
                                        "worry_about_child")])
    assert message.get(INTENT)["name"] == "ask_rule"


def test_a_teacher_with_a_worry_still_gets_the_walk(reader):
    (message,) = reader.process([parsed("Eg er lærar og uroleg for ein gut som kjem utan mat",
                                        "worry_about_child")])
    assert message.get(INTENT)["name"] == "worry_about_child"


def test_acute_danger_is_never_replaced(reader):
    (message,) = reader.process([parsed("kan helsesykepleier si til foreldrene mine at jeg har kuttet meg?",
                                        "acute_danger", 1.0)])
    assert message.get(INTENT)["name"] == "acute_danger"
    assert message.get("reading")["urgent"] is True


def test_it_refuses_a_config_that_could_replace_acute_danger():
    config = dict(MessageReader.get_default_config(), replaceable_by_question=["acute_danger"])
    with pytest.raises(ValueError):
        MessageReader(config)


def test_a_button_click_is_left_alone(reader):
    (message,) = reader.process([parsed('/ask_rule{"kb_item": "regel:samtykke"}', "ask_rule", 1.0)])
    assert message.get("reading") is None


@pytest.mark.parametrize("text, intent", [
    ("korleis snakkar eg med eleven om det eg har sett?", "worry_about_child"),
    ("hva er tegn på omsorgssvikt hos et barn?", "nlu_fallback"),
    ("hvordan følges meldingen min opp?", "ask_routine"),
])
def test_a_named_subject_or_an_unclear_worry_goes_to_the_answer(reader, text, intent):
    (message,) = reader.process([parsed(text, intent)])
    assert message.get(INTENT)["name"] == "ask_rule"


def test_a_worry_in_the_walks_own_words_still_starts_the_walk(reader):
    (message,) = reader.process([parsed("jeg jobber i barnehagen og et barn har blåmerker", "worry_about_child")])
    assert message.get(INTENT)["name"] == "worry_about_child"


@pytest.mark.parametrize("text, intent", [
    ("hvem kan man snakke med om man blir slått hjemme eller er redd for en venn?", "bot_challenge"),
    ("korleis kan eg hjelpe ein venn som har det vondt?", "help"),
    ("hva gjør jeg for å få hjelp når ingen voksne hører på meg", "help"),
])
def test_someone_looking_for_help_gets_a_person_not_the_menu_or_the_bot_reply(reader, text, intent):
    (message,) = reader.process([parsed(text, intent)])
    assert message.get(INTENT)["name"] == "ask_human"


@pytest.mark.parametrize("text, intent", [("er du en robot?", "bot_challenge"), ("hva kan du hjelpe meg med?", "help")])
def test_questions_about_the_assistant_itself_stay(reader, text, intent):
    (message,) = reader.process([parsed(text, intent)])
    assert message.get(INTENT)["name"] == intent


@pytest.mark.parametrize("text", ["kva kan familievernet hjelpe oss med?", "hvordan får vi hjelp fra en barnekoordinator"])
def test_help_about_a_named_service_or_word_is_a_question_about_it(reader, text):
    (message,) = reader.process([parsed(text, "help")])
    assert message.get(INTENT)["name"] in {"ask_term", "ask_rule"}  # answered, not the menu


NEW_TOPIC = """
  - id: leksehjelp
    tittel: Leksehjelp
    mønstre: ['\\bleksehjelp']
    svar: regel:samtykke
"""


def test_a_topic_an_editor_adds_routes_messages_once_it_is_loaded(tmp_path, monkeypatch):
    """No restart: the reader reads the published knowledge as the actions do."""
    content = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, content)
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("KNOWLEDGE_DIR", str(content))
    monkeypatch.setenv("KNOWLEDGE_CHECK_SECONDS", "0.001")
    load_directory(content, database_url)
    reader = MessageReader(MessageReader.get_default_config())
    question = "trenger barnet mitt leksehjelp etter skolen?"
    assert reader.process([parsed(question, "nlu_fallback")])[0].get(INTENT)["name"] == "nlu_fallback"

    topics_file = content / "temaer.yml"
    topics_file.write_text(topics_file.read_text(encoding="utf-8") + NEW_TOPIC, encoding="utf-8")
    assert load_directory(content, database_url).report.ok

    assert reader.process([parsed(question, "nlu_fallback")])[0].get(INTENT)["name"] == "ask_rule"


def test_before_anything_is_loaded_the_files_say_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("KNOWLEDGE_DIR", str(KNOWLEDGE))
    reader = MessageReader(MessageReader.get_default_config())
    (message,) = reader.process([parsed("hva er tegn på omsorgssvikt hos et barn?", "nlu_fallback")])
    assert message.get(INTENT)["name"] == "ask_rule"


@pytest.mark.parametrize("intent", ["nlu_fallback", "out_of_scope"])
def test_a_young_person_asking_whom_to_tell_is_not_left_without_an_answer(reader, intent):
    # A 14-year-old hit at home, then «hvem kan jeg si det til»: people to talk to, not «det skjønte jeg ikke».
    (message,) = reader.process([parsed("hvem kan jeg si det til", intent)])
    assert message.get(INTENT)["name"] == "ask_human"


def test_an_unclear_worry_still_goes_to_the_answer_before_help_seeking(reader):
    (message,) = reader.process([parsed("mamma drikker hver dag, hvor kan jeg gå", "nlu_fallback")])
    assert message.get(INTENT)["name"] == "ask_rule"


def test_loading_the_model_reads_the_knowledge_before_the_first_message(tmp_path, monkeypatch):
    # The first message to a new Rasa process waited ≈ 0.08 s for the knowledge to be read.
    from bot.knowledge import repository

    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("KNOWLEDGE_DIR", str(KNOWLEDGE))
    load_directory(KNOWLEDGE, database_url)
    reads = []
    parse = repository.parse_documents
    monkeypatch.setattr(repository, "parse_documents", lambda *args: reads.append(1) or parse(*args))

    reader = MessageReader.load(MessageReader.get_default_config(), None, None, None)
    assert reads == [1]
    (message,) = reader.process([parsed("hva er tegn på omsorgssvikt hos et barn?", "nlu_fallback")])
    assert message.get(INTENT)["name"] == "ask_rule" and reads == [1]
