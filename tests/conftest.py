"""Shared fixtures. Building the spaCy pipeline is slow, so build it once."""

import os
from pathlib import Path

import pytest

from bot.platform.settings import PROJECT_ROOT

TRAINED_MODEL = PROJECT_ROOT / "models" / "assistent.tar.gz"
# Set to 1 to skip, instead of fail, the tests that need a trained model.
ALLOW_MISSING_MODEL = "ALLOW_MISSING_MODEL"

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


@pytest.fixture(scope="session")
def norwegian_nlp():
    from bot.language.norwegian import build_norwegian_nlp

    return build_norwegian_nlp()


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The trained model. `make test` trains it first, so a missing model is a
    broken setup and fails the test; a silent skip would hide the tests of the
    model, the acute net and the whole stack."""
    if TRAINED_MODEL.exists():
        return TRAINED_MODEL
    message = (f"Fant ingen trent modell i {TRAINED_MODEL.relative_to(PROJECT_ROOT)}. "
               "Kjør «make train» (eller «make test», som trener først). "
               f"{ALLOW_MISSING_MODEL}=1 hopper over testene som trenger den.")
    if os.environ.get(ALLOW_MISSING_MODEL) == "1":
        pytest.skip(message)
    pytest.fail(message, pytrace=False)
