"""The NumPy engine of bpgui: networks, backpropagation, training, data and files.

NumPy and the standard library only: nothing here imports Qt, so the engine
can be tested, scripted and reused without a screen.
"""
from .activations import ACTIVATIONS
from .gradcheck import GradientCheck, gradient_check
from .initializers import INITIALIZERS
from .losses import ALLOWED_OUTPUTS, CANONICAL_PAIRS, LOSSES
from .metrics import evaluate_metrics
from .network import DEFAULT_DTYPE, DTYPES, Network
from .optimizers import DEFAULT_LR, OPTIMIZERS
from .schedules import SCHEDULES
from .training import DivergenceError, EpochStats, Snapshot, Trainer

__all__ = [
    "ACTIVATIONS", "INITIALIZERS", "LOSSES", "ALLOWED_OUTPUTS", "CANONICAL_PAIRS",
    "OPTIMIZERS", "DEFAULT_LR", "SCHEDULES", "DTYPES", "DEFAULT_DTYPE",
    "Network", "Trainer", "EpochStats", "Snapshot", "DivergenceError",
    "GradientCheck", "gradient_check", "evaluate_metrics",
]
