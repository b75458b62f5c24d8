"""The municipality's knowledge base: services, rules, routines, action guide, glossary.

Content lives as YAML in ``knowledge/``. Main entry points:

* :func:`bot.knowledge.checker.check_directory` – validate the files (``kb check``)
* :func:`bot.knowledge.store.load_directory` / :func:`~bot.knowledge.store.load_if_changed`
  – load into the database in one transaction (``kb load``)
* :class:`bot.knowledge.repository.KnowledgeRepository` – live snapshot for the bot
* :class:`bot.knowledge.search.SearchIndex` – ranked search (``kb search``)
* :func:`bot.knowledge.hours.opening_status` – open now / opens next
"""
