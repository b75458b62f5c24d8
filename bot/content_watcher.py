"""Keeps the stored knowledge base in step with the files in ``knowledge/``.

The supervisor runs this in a background thread: an edit is validated and
loaded within about a second, with no retraining and no restart. A broken
edit is reported once and the previous content stays live.
"""

from pathlib import Path
from typing import Callable, Optional

from bot.knowledge.store import LoadResult, LoadStatus, load_if_changed
from bot.periodic import PeriodicTask


def describe(result: LoadResult) -> Optional[str]:
    """What an editor should be told about a polling round, if anything."""
    if result.status is LoadStatus.LOADED:
        return f"Kunnskapsbasen er oppdatert (versjon {result.version}, {result.item_count} elementer)."
    if result.status is LoadStatus.INVALID:
        return ("Endringen i kunnskapsbasen ble IKKE lastet, fordi filene har feil. "
                "Forrige versjon er fortsatt i bruk.\n" + result.report.as_text())
    return None


class ContentWatcher:
    def __init__(
        self,
        directory: Path,
        database_url: str,
        interval_seconds: float = 1.0,
        report: Callable[[str], None] = print,
    ) -> None:
        self._directory = directory
        self._database_url = database_url
        self._report = report
        self._last_invalid_fingerprint = ""
        self._polling = PeriodicTask("Sjekk av kunnskapsbasen", interval_seconds,
                                     self.poll_once, report)

    def poll_once(self) -> LoadResult:
        result = load_if_changed(self._directory, self._database_url)
        # A broken file is reported once, not every second until it is fixed.
        repeated = (result.status is LoadStatus.INVALID
                    and result.fingerprint == self._last_invalid_fingerprint)
        if result.status is LoadStatus.INVALID:
            self._last_invalid_fingerprint = result.fingerprint
        message = None if repeated else describe(result)
        if message:
            self._report(message)
        return result

    def start(self) -> None:
        self._polling.start()

    def stop(self) -> None:
        self._polling.stop()
