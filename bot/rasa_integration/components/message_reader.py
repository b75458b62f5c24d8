"""Rasa NLU component: the structured reading of each message (bot.understanding.reading).

The reading goes into the parsed message under ``reading`` (kept in the
tracker's ``latest_message``), so actions answer for the asker. It also routes a
question the classifier took for a worry, or did not understand, to the direct
answer: a parent afraid of barnevernet is not reporting anyone, a young
person asking about confidentiality wants the rule, not the staff walk, and a
question that names a subject of the content («hvordan snakke med barn om vold?»)
or a worry the classifier did not understand has an answer, not «Mente du …?».

It runs after the acute-danger rule layer and takes its decision as the
reading's urgency. It never replaces ``acute_danger`` (checked when it is
built), so nothing here can hide the acute reply.
"""

import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Text

from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from sqlalchemy.exc import SQLAlchemyError

from bot.dialogue.names import Intent
from bot.rasa_integration.components.base import CreatedFromConfig
from bot.rasa_integration.components.acute_danger import put_intent_first
from bot.dialogue.answers import for_asker, topics
from bot.dialogue.answers.compose import named_item
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.repository import KnowledgeBaseEmpty, KnowledgeRepository
from bot.platform.settings import Settings
from bot.understanding.reading import READING_KEY, AnswerKind, Reading, read_message

# A question of these kinds is answered directly, whoever asks.
QUESTION_KINDS = {AnswerKind.DUTY.value, AnswerKind.CONFIDENTIALITY.value,
                  AnswerKind.AFTER_REPORT.value, AnswerKind.RIGHTS.value}
# Looking for help for oneself or others: getting help, helping a friend, someone to talk to.
HELP_SEEKING = re.compile(
    r"\b(?:få|finne|faa|skaffe) (?:meg |noe |noko )?hjelp\b(?! (?:av|fra|frå|hos) )"
    r"|\bhjelpe (?:andre|en venn|ein venn|vennen|venninna|venninnen|kompisen|venner|vennene|noen)\b"
    r"|\b(?:hvem|kven|hvor|kor) (?:kan|skal) (?:du|man|jeg|eg|ein|en|vi) (?:snakke|snakka|prate|prata|ringe|gå)\b"
    # Someone to tell: "hvem kan jeg si det til?", "kven skal eg fortelje det til?".
    r"|\b(?:hvem|kven) (?:kan|skal|bør) (?:jeg|eg|e|æ|man|ein|en|vi|me) (?:si|sei|seie|fortelle|fortelje)"
    r" (?:det |dette |det her |alt )?til\b")


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class MessageReader(CreatedFromConfig, GraphComponent):
    """Adds the reading, and sends misread questions to the direct answer."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Intents the asker's own answer may replace (a parent afraid of barnevernet,
            # a young person): the staff walk, and not understanding.
            "replaceable_intents": [Intent.WORRY_ABOUT_CHILD, Intent.NLU_FALLBACK, Intent.OUT_OF_SCOPE,
                                    Intent.HELP],
            # A duty, confidentiality, after-report or rights question also replaces
            # these: "barneverntjenesten har fått en melding, hva nå?" is no contact request,
            # and «hvordan blir meldingen fulgt opp?» asks what happens, not for a routine.
            "replaceable_by_question": [Intent.ASK_CONTACT, Intent.ASK_HUMAN, Intent.ASK_ROUTINE],
            "question_intent": Intent.ASK_RULE,
            "acute_intent": Intent.ACUTE_DANGER,
            "walk_intent": Intent.WORRY_ABOUT_CHILD,
            # Where the subjects a question can name are read («temaer»). None: the published
            # knowledge in the store, live as the actions' (a path would be saved with the model).
            "knowledge_dir": None,
            # «Hvem kan man snakke med om …?», «hvordan kan jeg hjelpe en venn?»: someone
            # looking for help, not asking what the assistant can do or whether it is a bot.
            "help_seeking_replaces": [Intent.HELP, Intent.BOT_CHALLENGE],
            # Not understood and no other answer: «hvem kan jeg si det til?» still asks whom to turn to.
            "help_seeking_when_unclear": [Intent.NLU_FALLBACK, Intent.OUT_OF_SCOPE],
            "help_seeking_intent": Intent.ASK_HUMAN,
            # «Hva kan familievernet hjelpe med?», «hvordan få hjelp av barnekoordinator?»:
            # a question about a service or word the knowledge names, not about the assistant.
            "named_item_replaces": [Intent.HELP],
            "named_item_intent": Intent.ASK_TERM,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._replaceable = set(config["replaceable_intents"])
        self._replaceable_by_question = self._replaceable | set(config["replaceable_by_question"])
        self._question_intent = config["question_intent"]
        self._acute_intent = config["acute_intent"]
        self._walk_intent = config["walk_intent"]
        self._help_seeking_replaces = set(config.get("help_seeking_replaces") or ())
        self._help_seeking_intent = config.get("help_seeking_intent") or Intent.ASK_HUMAN
        self._help_seeking_when_unclear = set(config.get("help_seeking_when_unclear") or ())
        self._named_item_replaces = set(config.get("named_item_replaces") or ())
        self._named_item_intent = config.get("named_item_intent") or Intent.ASK_TERM
        self._knowledge = _knowledge_source(config.get("knowledge_dir"))
        if self._acute_intent in (self._replaceable_by_question | self._help_seeking_replaces
                                  | self._named_item_replaces | self._help_seeking_when_unclear):
            raise ValueError("MessageReader may never replace the acute-danger intent")

    def warm_up(self) -> None:
        # The published knowledge is read, and its topics' patterns compiled, at first use.
        self._knowledge()

    def _should_replace(self, intent: str, reading: Reading, text: str,
                        kb: Optional[KnowledgeBase]) -> bool:
        if reading.kind in QUESTION_KINDS:
            return intent in self._replaceable_by_question
        if intent not in self._replaceable:
            return False
        # A question that names a subject of the content («hvordan snakke med barn om vold?»),
        # or a worry the classifier did not understand, has an answer.
        named = kb is not None and topics.first_topic(kb.topics.values(), text) is not None
        unclear_worry = intent != self._walk_intent and bool(reading.concerns)
        return for_asker.answers_instead_of_walk(reading) or named or unclear_worry

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue  # a button: its payload says what it is
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            reading = read_message(text, lambda _: intent == self._acute_intent)
            message.set(READING_KEY, reading.as_dict(), add_to_output=True)
            kb = self._knowledge()
            if intent in self._help_seeking_replaces and HELP_SEEKING.search(text.casefold()):
                put_intent_first(message, self._help_seeking_intent)
            elif self._should_replace(intent, reading, text, kb):
                put_intent_first(message, self._question_intent)
            elif intent in self._named_item_replaces and kb and named_item(kb, text):
                put_intent_first(message, self._named_item_intent)
            elif intent in self._help_seeking_when_unclear and HELP_SEEKING.search(text.casefold()):
                put_intent_first(message, self._help_seeking_intent)
        return messages


def _knowledge_source(directory: Optional[str]) -> Callable[[], Optional[KnowledgeBase]]:
    """What the reader knows of the content: the files in ``directory``, or else the
    published knowledge in the store (``kb load``; `bot run` keeps it in step with the
    files), checked for a new version as often as the actions check it, so a new
    topic routes messages without a restart. Before anything is loaded, and while the
    store cannot be read, the files of KNOWLEDGE_DIR say the same."""
    if directory:
        fixed = topics.knowledge_in(Path(directory))
        return lambda: fixed
    settings = Settings.from_env()
    # KNOWLEDGE_CHECK_SECONDS: how often it asks the store for the version (one tiny query).
    repository = KnowledgeRepository(settings.database_url,
                                     check_interval=settings.knowledge_check_seconds)
    files: List[Optional[KnowledgeBase]] = []

    def current() -> Optional[KnowledgeBase]:
        try:
            return repository.snapshot()
        except (KnowledgeBaseEmpty, SQLAlchemyError, OSError):
            if not files:
                files.append(topics.knowledge_in(settings.knowledge_dir))
            return files[0]

    return current
