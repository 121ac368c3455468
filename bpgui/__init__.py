"""bpgui: a desktop trainer for backpropagation networks."""

__version__ = "0.1.0"
