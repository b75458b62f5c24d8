"""Starts the rasa-sdk action server with every log record redacted, warmed up.

rasa-sdk logs the request body (the whole tracker, user text included) when
an action fails, so the redaction must be on before it starts.
"""

import sys

from bot.safety.logging_filter import install_log_redaction


def main() -> None:
    install_log_redaction()
    from rasa_sdk.__main__ import main as action_server_main

    from actions.knowledge_access import warm_up

    warm_up()
    action_server_main()


if __name__ == "__main__":
    sys.exit(main())
