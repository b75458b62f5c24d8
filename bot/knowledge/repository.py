"""Read access for the running assistant, live-reloading when content changes.

``KnowledgeRepository.snapshot()`` returns an in-memory :class:`KnowledgeBase`.
It asks the store for the content version at most every ``check_interval``
seconds (one tiny query) and rebuilds the snapshot only when the version moved,
so ``kb load`` takes effect without retraining or restarting anything.
"""

import threading
import time
from typing import Callable, List, Optional, Sequence

from bot.knowledge.model import ItemKind, KnowledgeBase
from bot.knowledge.problems import Report
from bot.knowledge.schema import parse_documents
from bot.knowledge.store import EngineOrUrl, create_tables, read_documents, read_state


class KnowledgeBaseEmpty(Exception):
    def __init__(self) -> None:
        super().__init__("Kunnskapsbasen er ikke lastet. Kjør: python -m bot kb load")


class KnowledgeRepository:
    def __init__(
        self,
        database: EngineOrUrl,
        check_interval: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._database = database
        self._engine = None  # connected on first use, so a down database never breaks start-up
        self._check_interval = check_interval
        self._clock = clock
        self._lock = threading.Lock()
        self._snapshot: Optional[KnowledgeBase] = None
        self._checked_at = float("-inf")
        self._search_index = None  # built lazily for the current snapshot

    def snapshot(self) -> KnowledgeBase:
        """The current knowledge base; reloads if a newer version was stored."""
        with self._lock:
            now = self._clock()
            if self._snapshot is None or now - self._checked_at >= self._check_interval:
                self._refresh()
                self._checked_at = now
            if self._snapshot is None:
                raise KnowledgeBaseEmpty()
            return self._snapshot

    def _connected_engine(self):
        if self._engine is None:
            self._engine = create_tables(self._database)
        return self._engine

    def _refresh(self) -> None:
        with self._connected_engine().connect() as connection:
            state = read_state(connection)
            if state is None or (self._snapshot and self._snapshot.version == state[0]):
                return
            documents = read_documents(connection)
            # The loader may commit between our two reads: only accept a consistent pair.
            if read_state(connection) != state:
                return
        content = parse_documents(documents, Report())
        self._snapshot = content.knowledge_base(version=state[0], fingerprint=state[1])
        self._search_index = None

    def search(self, query: str, limit: int = 5, kinds: Optional[Sequence[ItemKind]] = None) -> List:
        """Ranked :class:`bot.knowledge.search.SearchHit` objects for ``query``."""
        from bot.knowledge.search import SearchIndex  # imports spaCy; only when searching

        snapshot = self.snapshot()
        index = self._search_index
        if index is None or index.version != snapshot.version:
            index = SearchIndex.build(snapshot)
            self._search_index = index
        return index.search(query, limit=limit, kinds=kinds)
