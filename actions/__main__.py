"""The action server: ``python -m actions --actions actions --port 5055``."""

import sys

from bot.servers.action_server import prepare_process, serve


def main() -> None:
    prepare_process()
    from actions.knowledge_access import warm_up

    warm_up()
    serve()


if __name__ == "__main__":
    sys.exit(main())
