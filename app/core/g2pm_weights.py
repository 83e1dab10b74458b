"""g2pM's weights as the polyphone model takes them, and where they come from.

Apart from the model (app.core.polyphone), which needs numpy: app.io hands the loader over at
every start, and a start that reads no text should not import numpy for that.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class G2pmWeights:
    """g2pM's model as it ships (app.io reads it from the package): weights and vocabularies."""

    state: Mapping[str, np.ndarray]  # the trained network, by PyTorch parameter name
    char2idx: Mapping[str, int]
    class2idx: Mapping[str, int]  # CEDICT readings ("lu:4") to output classes
    cedict: Mapping[str, Sequence[str]]  # each character's CEDICT readings


_load: Callable[[], G2pmWeights] | None = None
_lock = threading.Lock()


def use_weights(load: Callable[[], G2pmWeights]) -> None:
    """Where the weights come from, called on first use (handing over the same loader again keeps the model)."""
    global _load
    with _lock:
        _load = load


def weights_loader() -> Callable[[], G2pmWeights]:
    load = _load
    if load is None:
        raise RuntimeError("no g2pM weights yet: app.io.core_data.provide() hands them to app.core.g2pm_weights")
    return load
