"""What the action server's process needs before rasa-sdk starts: every log
record redacted, TensorFlow kept out, compact lemma dictionaries.

rasa-sdk logs the request body (the whole tracker, user text included) when
an action fails, so the redaction must be on before it starts. The entry point
is ``python -m actions`` (actions/__main__.py): only the action layer may
import the actions it warms up.
"""

import os
import sys

# Seconds the action server keeps an idle connection open. Rasa closes its idle
# connections after 2 s (bot/servers/rasa_server.py); when the server closed first, a
# busy Rasa could send on a connection that was being closed and lose the call.
KEEP_ALIVE_SECONDS = 75

# Optional back-ends that thinc (under spaCy) imports just because they are installed.
UNUSED_HEAVY_MODULES = ("tensorflow", "h5py")


def keep_tensorflow_out() -> None:
    """Makes ``import tensorflow`` (and h5py) fail in this process.

    Rasa needs TensorFlow, so it is installed, and thinc imports it when spaCy is
    imported: about 400 MB and several seconds of start-up in a process that only
    tokenizes. thinc runs without it. Must run before spaCy is first imported, and
    only in processes that never use TensorFlow (not Rasa).
    """
    for name in UNUSED_HEAVY_MODULES:
        sys.modules.setdefault(name, None)


def use_compact_lemma_dictionaries() -> None:
    """Lets simplemma look lemmas up in its compressed word lists instead of dicts.

    The same words and lemmas, but about 10 MB instead of 70 MB for bokmål and
    nynorsk; a lookup is slower (~0.05 ms), and bot.language.norwegian caches each word's lemma.
    bot.language.norwegian asks simplemma for its default dictionaries, so they are
    switched here, before the first lemma is looked up, for this process only.
    """
    from simplemma.strategies import default
    from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY

    default.DEFAULT_DICTIONARY_FACTORY = LOW_MEMORY_DICTIONARY_FACTORY


def keep_connections_longer_than_rasa() -> None:
    # Sanic reads SANIC_* variables when rasa-sdk creates its app.
    os.environ.setdefault("SANIC_KEEP_ALIVE_TIMEOUT", str(KEEP_ALIVE_SECONDS))


def prepare_process() -> None:
    """Call first, before spaCy or rasa-sdk is imported."""
    keep_tensorflow_out()
    keep_connections_longer_than_rasa()
    use_compact_lemma_dictionaries()
    from bot.safety.logging_filter import install_log_redaction

    install_log_redaction()


def serve() -> None:
    """rasa-sdk's own command line (``--actions actions --port ...``), start-up heap frozen."""
    from rasa_sdk.__main__ import main as action_server_main

    from bot.platform.heap import freeze_start_up_heap

    freeze_start_up_heap()
    action_server_main()
