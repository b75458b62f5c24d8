"""Reading one YAML mapping field by field, with Norwegian messages on mistakes."""

import difflib
import re
from datetime import date
from typing import Any, Dict, Iterable, Optional, Tuple

from bot.knowledge.problems import Context

IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
YES = {"ja", "yes", "true"}
NO = {"nei", "no", "false"}


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Fields:
    """Typed access to a mapping; every problem is reported in ``ctx``, never raised."""

    def __init__(self, ctx: Context, data: Any, allowed: Iterable[str]):
        self.ctx = ctx
        self.valid = isinstance(data, dict)
        self.data: Dict[str, Any] = data if self.valid else {}
        if not self.valid:
            ctx.error("her skulle det stått en liste med felt (navn: verdi)")
            return
        allowed = list(allowed)
        for key in self.data:
            if key not in allowed:
                guess = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f" Mente du «{guess[0]}»?" if guess else ""
                ctx.error(f"ukjent felt «{key}».{hint}")

    def has(self, key: str) -> bool:
        return not is_missing(self.data.get(key))

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def text(self, key: str, required: bool = True, missing: str = "") -> str:
        value = self.data.get(key)
        if is_missing(value):
            if required:
                self.ctx.error(missing or f"mangler «{key}»")
            return ""
        if isinstance(value, (dict, list)):
            self.ctx.error(f"«{key}» skal være en tekst")
            return ""
        return str(value).strip()

    def texts(self, key: str) -> Tuple[str, ...]:
        value = self.data.get(key)
        if is_missing(value):
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            self.ctx.error(f"«{key}» skal være en liste med tekster")
            return ()
        return tuple(str(v).strip() for v in value if not is_missing(v))

    def flag(self, key: str, default: bool = False, required: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            if required:
                self.ctx.error(f"mangler «{key}» (skriv ja eller nei)")
            return default
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in YES | NO:
            return word in YES
        self.ctx.error(f"«{key}» skal være ja eller nei, ikke «{value}»")
        return default

    def integer(self, key: str, low: int, high: int, required: bool = False) -> Optional[int]:
        value = self.data.get(key)
        if value is None:
            if required:
                self.ctx.error(f"mangler «{key}»")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.ctx.error(f"«{key}» skal være et helt tall fra {low} til {high}, ikke «{value}»")
            return None
        return value

    def day(self, key: str, required: bool = True) -> Optional[date]:
        value = self.data.get(key)
        if is_missing(value):
            if required:
                self.ctx.error(f"mangler «{key}» (skriv datoen som 2026-05-17)")
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.ctx.error(f"«{key}»: «{value}» er ikke en dato (skriv f.eks. 2026-05-17)")
            return None

    def identifier(self, key: str = "id", required: bool = True) -> str:
        value = self.text(key, required=required)
        if value and not IDENTIFIER.match(value):
            self.ctx.error(
                f"«{key}» «{value}» kan bare ha små bokstaver a–z, tall, - og _ (ikke æ, ø, å)"
            )
            return ""
        return value

    def identifiers(self, key: str) -> Tuple[str, ...]:
        values = self.texts(key)
        for value in values:
            if not IDENTIFIER.match(value):
                self.ctx.error(f"«{key}»: «{value}» er ikke en gyldig id")
        return values

    def url(self, key: str, required: bool = False) -> str:
        value = self.text(key, required=required)
        if value and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            self.ctx.error(f"«{key}»: «{value}» er ikke en nettadresse (start med https://)")
            return ""
        return value
