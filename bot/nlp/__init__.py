"""Norwegian language processing: spaCy tokenization plus simplemma lemmas."""

from bot.nlp.language import NorwegianNLPSettings, build_norwegian_nlp

__all__ = ["NorwegianNLPSettings", "build_norwegian_nlp"]
