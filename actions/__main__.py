"""The action server: ``python -m actions --actions actions --port 5055``."""

import sys

from bot.servers.action_server import prepare_process, serve

# Bokmål and nynorsk words, so both lemma dictionaries are loaded.
WARM_UP_QUESTION = "Har jeg meldeplikt? Kva gjer eg no?"


def warm_up() -> None:
    """Answers one question before the first user does.

    That loads what the first answer would otherwise wait for: spaCy, the lemma
    dictionaries, the knowledge base, its search index and the holiday calendar.
    """
    from actions.knowledge_access import local_now, repository
    from actions.questions import search_in
    from bot.dialogue.answers.compose import Question, answer
    from bot.dialogue.names import Intent
    from bot.knowledge.repository import KnowledgeBaseEmpty
    from bot.knowledge.search import default_nlp

    try:
        kb = repository().snapshot()
    except KnowledgeBaseEmpty:
        # `kb load` is still running; the index is quick to build at the first question.
        default_nlp()(WARM_UP_QUESTION)
        return
    answer(kb, search_in(repository()), Question(Intent.ASK_RULE, WARM_UP_QUESTION), local_now(kb))


def main() -> None:
    prepare_process()  # before spaCy or rasa-sdk is imported
    warm_up()
    serve()


if __name__ == "__main__":
    sys.exit(main())
