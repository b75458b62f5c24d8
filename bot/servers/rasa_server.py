"""The Rasa server: ``python -m bot.servers.rasa_server run ...`` wherever
``rasa run ...`` would be used (make run, the tests, deploy/).

Before Rasa starts: every log record is redacted, start-up stops unless
endpoints.yml names our redacting tracker store, and the patches in
bot/rasa_integration/patches.py are installed (which checks the Rasa version).
Everything else is Rasa's own command line, configured by config.yml,
endpoints.yml and credentials.yml.
"""

import sys
from typing import List, Optional

DEFAULT_ENDPOINTS = "endpoints.yml"


def import_model_loader_first() -> None:
    """Imports skops before Rasa and TensorFlow.

    Rasa loads our LogisticRegressionClassifier with skops, and importing skops
    looks up hundreds of numpy/scipy functions in every module loaded so far.
    After Rasa and TensorFlow that is about 6000 modules and 15-20 s of start-up;
    imported first, it takes about 2 s.
    """
    import skops.io  # noqa: F401


def endpoints_file(argv: List[str]) -> str:
    """The ``--endpoints`` Rasa will read, as Rasa's command line takes it."""
    for index, argument in enumerate(argv):
        if argument == "--endpoints" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--endpoints="):
            return argument.split("=", 1)[1]
    return DEFAULT_ENDPOINTS


def main(argv: Optional[List[str]] = None) -> None:
    arguments = sys.argv[1:] if argv is None else argv
    import_model_loader_first()
    from bot.rasa_integration import patches
    from bot.rasa_integration.tracker_store import require_redacting_store
    from bot.safety.logging_filter import install_log_redaction
    from bot.safety.redaction import lexicon_redactor

    install_log_redaction(lexicon_redactor())
    require_redacting_store(endpoints_file(arguments))
    patches.install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *arguments]
    rasa_main()


if __name__ == "__main__":
    main()
