"""The NumPy engine of bpgui: networks, backpropagation, training, data and files.

NumPy and the standard library only: nothing here imports Qt, so the engine
can be tested, scripted and reused without a screen.
"""
from .activations import ACTIVATIONS
from .builtin_data import BUILTIN_DATASETS, builtin_dataset
from .coach import Finding, diagnose
from .csv import load_csv
from .dataset import DataError, Dataset
from .gradcheck import GradientCheck, gradient_check
from .initializers import INITIALIZERS
from .losses import ALLOWED_OUTPUTS, CANONICAL_PAIRS, LOSSES
from .lr_range import LRRangeResult, lr_range_test
from .metrics import evaluate_metrics
from .model import History, Model
from .modelfile import ModelFileError, load_model, save_model
from .network import DEFAULT_DTYPE, DTYPES, Network
from .onnx_export import export_onnx
from .optimizers import DEFAULT_LR, OPTIMIZERS
from .preprocessing import NORMALIZATIONS, Normalizer, split_dataset
from .schedules import SCHEDULES
from .session import Session
from .step_trace import LayerTrace, StepTrace
from .timeline import Timeline
from .training import DivergenceError, EpochStats, Snapshot, Trainer
from .training_settings import TrainingSettings

__all__ = [
    "ACTIVATIONS", "INITIALIZERS", "LOSSES", "ALLOWED_OUTPUTS", "CANONICAL_PAIRS",
    "OPTIMIZERS", "DEFAULT_LR", "SCHEDULES", "DTYPES", "DEFAULT_DTYPE",
    "Network", "Trainer", "EpochStats", "Snapshot", "DivergenceError",
    "GradientCheck", "gradient_check", "evaluate_metrics",
    "Dataset", "DataError", "load_csv", "builtin_dataset", "BUILTIN_DATASETS", "split_dataset",
    "Normalizer", "NORMALIZATIONS", "Model", "History", "save_model", "load_model", "ModelFileError",
    "export_onnx", "Session", "TrainingSettings", "Timeline",
    "lr_range_test", "LRRangeResult", "StepTrace", "LayerTrace", "diagnose", "Finding",
]
