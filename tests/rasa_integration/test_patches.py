"""The patches in bot/rasa_integration/patches.py: one canary per patched target,
the Rasa version check, and what installing does."""

import hashlib
import inspect

import pytest

from bot.rasa_integration import patches


@pytest.mark.parametrize("watched, digest", [w for p in patches.PATCHES for w in p.watched],
                         ids=[w[0] for p in patches.PATCHES for w in p.watched])
def test_canary_the_rasa_source_a_patch_relies_on_is_unchanged(watched, digest):
    """Fails when Rasa changes under a patch: read the patch's `why` and Rasa's new
    source, then update the patch and this digest together."""
    source = inspect.getsource(patches._resolve(watched))
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == digest


@pytest.mark.parametrize("patch", patches.PATCHES, ids=lambda p: f"{p.owner}.{p.attribute}")
def test_every_patched_attribute_exists_in_rasa(patch):
    assert hasattr(patches._resolve(patch.owner), patch.attribute)
    assert patch.why


def test_start_up_refuses_another_rasa_version(monkeypatch):
    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(SystemExit, match="skrevet for Rasa 3.6.21, men fant Rasa 3.7.0"):
        patches.check_rasa_version()


def test_installing_replaces_each_target_once_and_logs_it(monkeypatch, caplog):
    caplog.set_level("INFO", logger=patches.__name__)
    originals = {}
    for patch in patches.PATCHES:
        owner = patches._resolve(patch.owner)
        originals[patch] = getattr(owner, patch.attribute)
        # restored afterwards, as stored (a staticmethod stays one)
        monkeypatch.setattr(owner, patch.attribute, inspect.getattr_static(owner, patch.attribute))
    monkeypatch.setattr(patches, "_installed", False)
    patches.install()
    patches.install()  # a second call changes nothing
    for patch in patches.PATCHES:
        assert getattr(patches._resolve(patch.owner), patch.attribute) is not originals[patch]
    logged = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Rasa-patch")]
    assert len(logged) == len(patches.PATCHES)
