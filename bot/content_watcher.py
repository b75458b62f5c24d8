"""Keeps the stored knowledge base in step with the files in ``knowledge/``.

The supervisor runs this in a background thread: an edit is validated and
loaded within about a second, with no retraining and no restart. A broken
edit is reported once and the previous content stays live.
"""

import threading
from pathlib import Path
from typing import Callable, Optional

from bot.knowledge.store import LoadResult, LoadStatus, load_if_changed


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
        self._interval = interval_seconds
        self._report = report
        self._last_invalid_fingerprint = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="content-watcher", daemon=True)

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

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self.poll_once()
            except Exception as error:  # keep watching; the database may be restarting
                self._report(f"Klarte ikke å sjekke kunnskapsbasen: {error}")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
