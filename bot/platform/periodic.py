"""A background thread that runs one task at a fixed interval until stopped."""

import threading
from typing import Callable


class PeriodicTask:
    def __init__(self, name: str, interval_seconds: float, task: Callable[[], object],
                 report: Callable[[str], None] = print) -> None:
        self._name = name
        self._interval = interval_seconds
        self._task = task
        self._report = report
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._task()
            except Exception as error:  # keep going; the database may be restarting
                self._report(f"{self._name} feilet, prøver igjen senere: {error}")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
