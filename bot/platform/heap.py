"""Keeps Python's garbage collector off the objects loaded at start-up.

py-spy and ``gc.callbacks`` under `make bench` load: about a tenth of the Rasa
process's CPU went to the collector, mostly full collections that walk the
model, Rasa and TensorFlow objects loaded at start-up, which live as long as
the process. After :func:`freeze_start_up_heap` a collection walks only what
was made since.
"""

import gc


def freeze_start_up_heap() -> None:
    """Call once start-up is done, right before serving."""
    gc.collect()  # no garbage from the loading into the frozen set
    gc.freeze()
