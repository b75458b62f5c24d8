"""One check of every user message before it reaches Rasa or any storage.

The web server calls :func:`screen_message` first thing. Order matters:
the acute-danger check runs on the full cleaned text, so even a message in
English, an over-long one or one full of personal data gets the emergency
numbers; only then is the text cut to size and redacted.
"""

from dataclasses import dataclass
from typing import FrozenSet, Optional, Tuple, Union

from bot.safety.acute import AcuteMatch, default_detector
from bot.safety.input_guard import BadInput, classify_clean_text, normalize_user_text, reply_for
from bot.safety.redaction import PersonalDataKind, redact

PRIVACY_NOTICE = (
    "Du trenger ikke skrive navn eller andre opplysninger som kan vise hvem barnet er. "
    "Jeg har fjernet dem og svarer deg likevel."
)
# Input that carries nothing Rasa can answer: the reply comes straight from here.
ANSWERED_WITHOUT_RASA = frozenset({BadInput.EMPTY, BadInput.NO_WORDS, BadInput.NOT_NORWEGIAN})


@dataclass(frozen=True)
class Screening:
    text: str  # cleaned, cut to size and redacted: the only form that goes further
    acute: Optional[AcuteMatch]
    bad_input: Optional[BadInput]
    personal_data: FrozenSet[PersonalDataKind]
    max_chars: int

    @property
    def needs_rasa(self) -> bool:
        """Acute messages always go to Rasa, whatever else is wrong with them."""
        return self.acute is not None or self.bad_input not in ANSWERED_WITHOUT_RASA

    @property
    def notices(self) -> Tuple[str, ...]:
        """Our own short replies that come before (or instead of) Rasa's answer."""
        if self.bad_input is None or (self.acute and self.bad_input in ANSWERED_WITHOUT_RASA):
            return ()
        return (reply_for(self.bad_input, self.max_chars),)


def screen_message(raw: Union[str, bytes], max_chars: int) -> Screening:
    cleaned = normalize_user_text(raw, max_chars=len(raw) + 1)
    acute = default_detector().detect(cleaned) if cleaned else None
    bad_input = classify_clean_text(cleaned, max_chars=max_chars)
    redaction = redact(cleaned[:max_chars])
    return Screening(redaction.text, acute, bad_input, redaction.kinds, max_chars)
