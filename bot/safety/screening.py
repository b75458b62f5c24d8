"""One check of every user message before it reaches Rasa or any storage.

The web server calls :func:`screen_message` first thing. It does only the
work that needs no dictionaries, so the process every user meets stays small:
clean the text, answer a message without words and redact personal data.
Every message with words goes to Rasa, whose NLU pipeline checks it for
acute danger and for another language (with the bokmål and nynorsk
dictionaries it has loaded anyway). An over-long message goes whole (the
request size limit bounds it) with a request to keep it short: cutting it
would hide acute words near its end from Rasa.

Names are learnt per conversation in the database (bot/safety/name_memory.py),
so «Ingrid gråter» is redacted after «jenta heter Ingrid», whichever process
saw the first message. The work is CPU-bound and touches the database: the web
server runs it in a worker thread, not on its event loop.
"""

import logging
from dataclasses import dataclass
from typing import FrozenSet, Optional, Tuple, Union

from sqlalchemy.exc import SQLAlchemyError

from bot.safety.input_guard import BadInput, classify_clean_text, normalize_user_text, reply_for
from bot.safety.name_memory import ConversationNames, NameMemory
from bot.safety.redaction import PersonalDataKind, default_redactor

log = logging.getLogger(__name__)

PRIVACY_NOTICE = (
    "Du trenger ikke skrive navn eller andre opplysninger som kan vise hvem barnet er. "
    "Jeg har fjernet dem og svarer deg likevel."
)
# Input without a single word carries nothing Rasa can answer, and nothing acute.
ANSWERED_WITHOUT_RASA = frozenset({BadInput.EMPTY, BadInput.NO_WORDS})


@dataclass(frozen=True)
class Screening:
    text: str  # cleaned and redacted: the only form that goes further
    bad_input: Optional[BadInput]
    personal_data: FrozenSet[PersonalDataKind]
    max_chars: int

    @property
    def needs_rasa(self) -> bool:
        return self.bad_input not in ANSWERED_WITHOUT_RASA

    @property
    def notices(self) -> Tuple[str, ...]:
        """Our own short replies that come before (or instead of) Rasa's answer."""
        return () if self.bad_input is None else (reply_for(self.bad_input, self.max_chars),)


def _learn_and_recall(memory: NameMemory, conversation: str, text: str) -> Optional[ConversationNames]:
    try:
        return memory.learn(conversation, default_redactor().names_in(text))
    except (SQLAlchemyError, OSError) as error:
        # The message is still redacted by its own patterns; Rasa's store,
        # which needs the same database, reports the fault to the user.
        log.warning("Learnt names unavailable: %s", error.__class__.__name__)
        return None


def screen_message(raw: Union[str, bytes], max_chars: int, conversation: Optional[str] = None,
                   names: Optional[NameMemory] = None) -> Screening:
    """``names``: where the names learnt in ``conversation`` are kept."""
    cleaned = normalize_user_text(raw)
    bad_input = classify_clean_text(cleaned, max_chars=max_chars)
    known = (_learn_and_recall(names, conversation, cleaned)
             if names is not None and conversation is not None else None)
    redaction = default_redactor().redact(cleaned, known)
    return Screening(redaction.text, bad_input, redaction.kinds, max_chars)
