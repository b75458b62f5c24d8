"""One check of every user message before it reaches Rasa or any storage.

The web server calls :func:`screen_message` first thing. It does only the
work that needs no dictionaries, so the process every user meets stays small:
clean the text, answer a message without words and redact personal data.
Every message with words goes to Rasa, whose NLU pipeline checks it for
acute danger and for another language (with the bokmål and nynorsk
dictionaries it has loaded anyway). An over-long message goes whole (the
request size limit bounds it) with a request to keep it short: cutting it
would hide acute words near its end from Rasa.
"""

from dataclasses import dataclass
from typing import FrozenSet, Optional, Tuple, Union

from bot.safety.input_guard import BadInput, classify_clean_text, normalize_user_text, reply_for
from bot.safety.redaction import PersonalDataKind, redact

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


def screen_message(raw: Union[str, bytes], max_chars: int) -> Screening:
    cleaned = normalize_user_text(raw)
    bad_input = classify_clean_text(cleaned, max_chars=max_chars)
    redaction = redact(cleaned)
    return Screening(redaction.text, bad_input, redaction.kinds, max_chars)
