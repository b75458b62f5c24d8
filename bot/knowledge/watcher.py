"""Keeps the stored knowledge base in step with the files in ``knowledge/``.

The supervisor runs this in a background thread: an edit is validated and
loaded well within a second, with no retraining and no restart. A broken
edit is reported once and the previous content stays live.
"""

from pathlib import Path
from typing import Callable, Optional, Tuple

from bot.knowledge.source import content_files
from bot.knowledge.store import LoadResult, LoadStatus, load_if_changed
from bot.platform.periodic import PeriodicTask
from bot.platform.settings import Settings

FileStamps = Tuple[Tuple[Path, int, int], ...]


def describe(result: LoadResult) -> Optional[str]:
    """What an editor should be told about a polling round, if anything."""
    if result.status is LoadStatus.LOADED:
        return f"Kunnskapsbasen er oppdatert (versjon {result.version}, {result.item_count} elementer)."
    if result.status is LoadStatus.INVALID:
        return ("Endringen i kunnskapsbasen ble IKKE lastet, fordi filene har feil. "
                "Forrige versjon er fortsatt i bruk.\n" + result.report.as_text())
    return None


def file_stamps(directory: Path) -> FileStamps:
    """(path, modification time, size) of every content file: a few stat calls."""
    stamps = []
    for path in content_files(directory):
        try:
            status = path.stat()
        except FileNotFoundError:
            continue  # removed while we looked; the next round sees the new set
        stamps.append((path, status.st_mtime_ns, status.st_size))
    return tuple(stamps)


class ContentWatcher:
    def __init__(
        self,
        directory: Path,
        database_url: str,
        interval_seconds: float = Settings.knowledge_poll_seconds,
        report: Callable[[str], None] = print,
    ) -> None:
        self._directory = directory
        self._database_url = database_url
        self._report = report
        self._last_invalid_fingerprint = ""
        self._polled_stamps: Optional[FileStamps] = None
        self._polling = PeriodicTask("Sjekk av kunnskapsbasen", interval_seconds,
                                     self.poll_if_touched, report)

    def poll_once(self) -> LoadResult:
        """Reads and fingerprints every file, and loads them if they differ from the store."""
        result = load_if_changed(self._directory, self._database_url)
        # A broken file is reported once, not on every round until it is fixed.
        repeated = (result.status is LoadStatus.INVALID
                    and result.fingerprint == self._last_invalid_fingerprint)
        if result.status is LoadStatus.INVALID:
            self._last_invalid_fingerprint = result.fingerprint
        message = None if repeated else describe(result)
        if message:
            self._report(message)
        return result

    def poll_if_touched(self) -> Optional[LoadResult]:
        """The frequent check: :meth:`poll_once` only when a file was added, removed or saved."""
        stamps = file_stamps(self._directory)
        if stamps == self._polled_stamps:
            return None
        result = self.poll_once()
        # Only after a poll that got through (the database may be down): else it is tried again.
        self._polled_stamps = stamps
        return result

    def start(self) -> None:
        self._polling.start()

    def stop(self) -> None:
        self._polling.stop()
