"""Names learnt in a conversation, kept as keyed hashes in the database.

«jenta heter Ingrid» … «Ingrid gråter hver dag»: the second message names no
pattern, so the name must be known from the first. The web server and every
Rasa process may handle the next message, so what is learnt lives in the
database, and only as HMAC-SHA256(key, conversation id + word): a later word
is hashed the same way and compared. The raw name is stored nowhere.

The key (:func:`name_hash_key`) never lies in the database: without it, the
hashes cannot be tested against a list of first names. With the conversation
id in the hash, the same name gives different hashes in two conversations, so
the table cannot link them either.

Key: ``REDACTION_NAME_KEY`` (at least 32 characters; every web server and Rasa
process must have the same one, from the platform's secret store), or else a
random key made once in ``var/name-hash.key`` (mode 0600), which serves every
process ``bot run`` starts on one machine. A new key only means that names
learnt before it are no longer recognised in later messages.
"""

import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, FrozenSet, Iterable, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.platform.database import create_engine

KEY_ENV = "REDACTION_NAME_KEY"
KEY_FILE_ENV = "REDACTION_NAME_KEY_FILE"
DEFAULT_KEY_FILE = Path(__file__).resolve().parents[2] / "var" / "name-hash.key"
MIN_KEY_CHARS = 32

_metadata = sa.MetaData()
learnt_names = sa.Table(
    "learnt_name_hashes", _metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("name_hash", sa.String(64), primary_key=True),
    sa.Column("learnt_at", sa.Float, nullable=False, index=True),
)
# Built once: building and compiling the query each time was half of its cost,
# and every message to the web server and to Rasa asks it.
_hashes_of_conversation = (sa.select(learnt_names.c.name_hash)
                           .where(learnt_names.c.sender_id == sa.bindparam("conversation")))


class NameKeyError(RuntimeError):
    """The configured key is unusable; starting without it would store names."""


def name_hash_key() -> bytes:
    """The server-side secret for the name hashes (see the module docstring)."""
    configured = os.environ.get(KEY_ENV, "").strip()
    if configured:
        if len(configured) < MIN_KEY_CHARS:
            raise NameKeyError(f"{KEY_ENV} må ha minst {MIN_KEY_CHARS} tegn.")
        return configured.encode("utf-8")
    path = Path(os.environ.get(KEY_FILE_ENV, "").strip() or DEFAULT_KEY_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: when two processes start at once, one writes and both read it.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w", encoding="ascii") as key_file:
            key_file.write(secrets.token_hex(32))
    for _ in range(50):  # the other process may still be writing
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key.encode("ascii")
        time.sleep(0.01)
    raise NameKeyError(f"Nøkkelfilen {path} er tom.")


@dataclass(frozen=True)
class NameHasher:
    key: bytes = field(repr=False)  # never in a traceback or a log

    def hash(self, conversation: str, word: str) -> str:
        message = f"{conversation}\x00{word.casefold()}".encode("utf-8", "surrogatepass")
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ConversationNames:
    """The names learnt in one conversation, as hashes: ``word in names``."""

    conversation: str
    hasher: NameHasher
    hashes: FrozenSet[str]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.hasher.hash(self.conversation, word) in self.hashes

    def __bool__(self) -> bool:
        return bool(self.hashes)


class NameMemory:
    """Learns and recalls a conversation's names in the shared database.

    The database is first opened when it is needed: a server whose database
    is down still starts and says so (its health check)."""

    def __init__(self, engine: "Engine | Callable[[], Engine]",
                 hasher: Optional[NameHasher] = None) -> None:
        self._make_engine = engine if callable(engine) else (lambda: engine)
        self._opened: Optional[Engine] = None
        self._opening = threading.Lock()
        self._hasher = hasher or NameHasher(name_hash_key())

    @classmethod
    def for_database(cls, database_url: str) -> "NameMemory":
        return cls(lambda: create_engine(database_url))

    @property
    def _engine(self) -> Engine:
        with self._opening:
            if self._opened is None:
                engine = self._make_engine()
                _metadata.create_all(engine)
                self._opened = engine
            return self._opened

    def recall(self, conversation: str) -> ConversationNames:
        with self._engine.connect() as connection:
            hashes = frozenset(connection.execute(
                _hashes_of_conversation, {"conversation": conversation}).scalars())
        return ConversationNames(conversation, self._hasher, hashes)

    def learn(self, conversation: str, names: Iterable[str],
              known: Optional[ConversationNames] = None) -> ConversationNames:
        """Stores the hashes of ``names`` not known yet; returns all known."""
        known = known if known is not None else self.recall(conversation)
        new = {self._hasher.hash(conversation, name) for name in names} - known.hashes
        now = time.time()
        for name_hash in new:
            try:
                with self._engine.begin() as connection:
                    connection.execute(learnt_names.insert(), {
                        "sender_id": conversation, "name_hash": name_hash, "learnt_at": now})
            except IntegrityError:
                pass  # another process learnt it at the same moment
        return ConversationNames(conversation, self._hasher, known.hashes | new)

    def forget_older_than(self, cutoff: float) -> int:
        """Deletes what was learnt before ``cutoff`` (the retention purge)."""
        with self._engine.begin() as connection:
            return connection.execute(
                learnt_names.delete().where(learnt_names.c.learnt_at < cutoff)).rowcount
