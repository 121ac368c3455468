"""Side panels of the main window: data and training settings."""
from .data_panel import DataPanel
from .training_panel import TrainingPanel

__all__ = ["DataPanel", "TrainingPanel"]
