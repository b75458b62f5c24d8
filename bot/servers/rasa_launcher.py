"""Starts ``rasa`` with the privacy guards on.

Use ``python -m bot.servers.rasa_launcher run ...`` wherever ``python -m rasa
run ...`` was used. Before Rasa starts, every log record is redacted and Rasa
is made to stop if the tracker store is not our redacting SQL store.
"""

import sys
from typing import List, Optional

from bot.safety.logging_filter import install_log_redaction
from bot.safety.redaction import lexicon_redactor
from bot.rasa_integration.tracker_store import enforce_redacting_tracker_store


def main(argv: Optional[List[str]] = None) -> None:
    install_log_redaction(lexicon_redactor())
    enforce_redacting_tracker_store()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()


if __name__ == "__main__":
    main()
