"""Every setting's help, in plain words: what it does and when to change it.

All the panels' tooltips and the hyperparameters' readable names live here, in
dicts and nowhere else, so that a translation finds every text in one place.
A hyperparameter's tooltip ends with PyTorch's name for it (``torch.optim.Adam:
betas[0]``), so a reader can carry a setting from one to the other.  Every text is marked
``QT_TRANSLATE_NOOP("setting_help", ...)`` and translated where a widget gets it (the functions below),
since the language is chosen after this module is imported; PyTorch's names stay as they are.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from .i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["PANEL_TIPS", "CHOICE_TIPS", "HYPERPARAMETERS", "TORCH_CLASS", "ParamHelp", "apply_tips",
           "choice_tips", "param_label", "param_tip"]

# Tooltips of the panels' widgets: panel class name -> widget attribute -> text.
PANEL_TIPS: dict[str, dict[str, str]] = {
    "TrainingPanel": {
        "loss": QT_TRANSLATE_NOOP("setting_help", "What training makes small. auto picks the one that fits the "
                                                  "data: binary cross-entropy for two classes, cross-entropy for "
                                                  "several, squared error (mse) for numbers. Change it to compare "
                                                  "losses, e.g. mse on classes."),
        "optimizer": QT_TRANSLATE_NOOP("setting_help", "How each step uses the gradient. sgd is the plain rule; "
                                                       "momentum and nesterov smooth the steps; adagrad, adadelta, "
                                                       "rmsprop and adam scale each weight's step by its gradients' "
                                                       "history. Try adam first; use sgd to follow the textbook "
                                                       "formulas."),
        "lr": QT_TRANSLATE_NOOP("setting_help", "Learning rate: how far each step goes against the gradient. Too "
                                                "high and the loss jumps or grows; too low and it crawls. The "
                                                "arrows step 1-3-10 (log scale). Changes apply at once, also "
                                                "mid-run.\ntorch.optim: lr"),
        "schedule": QT_TRANSLATE_NOOP("setting_help", "How the learning rate changes from epoch to epoch: constant, "
                                                      "step (cut every few epochs), exponential (a little each "
                                                      "epoch) or cosine (down to a floor). Use one when the loss "
                                                      "stalls with a rate that was right at the "
                                                      "start.\ntorch.optim.lr_scheduler"),
        "batch_mode": QT_TRANSLATE_NOOP("setting_help", "How many rows each step averages its gradient over: all of "
                                                        "them (full batch: smooth, one step an epoch), a mini-batch "
                                                        "(the usual choice for large data), or one row at a time "
                                                        "(noisy, many steps an epoch)."),
        "batch_size": QT_TRANSLATE_NOOP("setting_help", "Rows per mini-batch. Smaller: more, noisier steps an "
                                                        "epoch; larger: fewer, smoother "
                                                        "ones.\ntorch.utils.data.DataLoader: batch_size"),
        "epochs": QT_TRANSLATE_NOOP("setting_help", "How many epochs Train runs before it stops. An epoch is one "
                                                    "pass over the training rows."),
        "unlimited": QT_TRANSLATE_NOOP("setting_help", "Train until you press Pause or Stop (or early stopping ends "
                                                       "the run)."),
        "early": QT_TRANSLATE_NOOP("setting_help", "Stop when the validation loss has not improved for this many "
                                                   "epochs. Needs a validation split (Data panel). Use it against "
                                                   "overfitting."),
        "patience": QT_TRANSLATE_NOOP("setting_help", "Epochs without a better validation loss before the run "
                                                      "stops. Larger waits out plateaus; smaller stops sooner."),
        "l1": QT_TRANSLATE_NOOP("setting_help", "L1 penalty: adds this times the sum of |w| to the loss, pushing "
                                                "unneeded weights to exactly zero. Raise it for a sparser network; "
                                                "0 turns it off."),
        "l2": QT_TRANSLATE_NOOP("setting_help", "L2 penalty (weight decay): adds this times the weight to each "
                                                "weight's gradient, keeping weights small. Raise it (e.g. 0.0001 to "
                                                "0.01) when the network overfits; 0 turns it off.\ntorch.optim: "
                                                "weight_decay"),
        "init": QT_TRANSLATE_NOOP("setting_help", "How the starting weights are drawn (biases start at 0). xavier "
                                                  "suits tanh and sigmoid, he suits relu; normal and uniform are "
                                                  "wide and can saturate units. Changing it makes a new network."),
        "seed": QT_TRANSLATE_NOOP("setting_help", "The random seed of the starting weights, the data split and the "
                                                  "shuffling: the same seed gives the same run. Change it to see "
                                                  "another start; it makes a new network."),
    },
    "SpeedControl": {
        "slider": QT_TRANSLATE_NOOP("setting_help", "Epochs per second. Slow training down to watch it: at 30/s and "
                                                    "below every epoch is shown in every view. Applies at once, "
                                                    "also during a run; it changes how fast, not what the network "
                                                    "learns."),
    },
    "DataPanel": {
        "source": QT_TRANSLATE_NOOP("setting_help", "Where the data comes from: a logic gate's truth table, a "
                                                    "generated toy set, a CSV file, or points you paint."),
        "gate": QT_TRANSLATE_NOOP("setting_help", "The logic gate whose truth table is the data. AND and OR need no "
                                                  "hidden layer; XOR does."),
        "toy": QT_TRANSLATE_NOOP("setting_help", "A generated two-dimensional set (or a curve to fit). Hover over a "
                                                 "choice for what it is."),
        "samples": QT_TRANSLATE_NOOP("setting_help", "How many points to generate. More points: a smoother picture, "
                                                     "slower epochs."),
        "noise": QT_TRANSLATE_NOOP("setting_help", "How much random scatter is added to the points. 0: a clean "
                                                   "pattern; more makes the classes overlap and the task harder."),
        "toy_seed": QT_TRANSLATE_NOOP("setting_help", "The random seed of the generated points: the same seed gives "
                                                      "the same points."),
        "regenerate": QT_TRANSLATE_NOOP("setting_help", "Generate the toy set again with these samples, noise and "
                                                        "seed."),
        "open_button": QT_TRANSLATE_NOOP("setting_help", "Read a CSV file (or drop one on the window). Its columns "
                                                         "appear below: pick the target and the features."),
        "show_preview": QT_TRANSLATE_NOOP("setting_help", "Show the file's first rows as written."),
        "preview": QT_TRANSLATE_NOOP("setting_help", "The file's first rows as written, before they are read as "
                                                     "numbers or classes."),
        "target": QT_TRANSLATE_NOOP("setting_help", "The column the network learns to predict. Text or a few whole "
                                                    "numbers: classes; other numbers: a regression."),
        "normalize": QT_TRANSLATE_NOOP("setting_help", "How the inputs are scaled before training: zscore (mean 0, "
                                                       "spread 1: the safe default), minmax (into [0, 1]) or none "
                                                       "(as they are). Unscaled inputs saturate units and slow "
                                                       "training. Changing it makes a new network."),
        "val_split": QT_TRANSLATE_NOOP("setting_help", "The share of the rows held out to measure overfitting (the "
                                                       "validation curve) and for early stopping; they are not "
                                                       "trained on. 0.2 is typical; 0: none."),
        "test_split": QT_TRANSLATE_NOOP("setting_help", "The share of the rows kept apart for a final check after "
                                                        "training (shown in the status bar); never trained on, "
                                                        "never used to choose settings. 0: none."),
    },
    "CsvOptions": {
        "task": QT_TRANSLATE_NOOP("setting_help", "auto: text, and whole numbers with at most 10 values each seen "
                                                  "twice, are classes; other numbers are a regression "
                                                  "target.\nclasses / numbers (regression): read the target so."),
        "skip_rows": QT_TRANSLATE_NOOP("setting_help", "Lines above the header to leave out: a title, a line of "
                                                       "counts, comments."),
        "missing": QT_TRANSLATE_NOOP("setting_help", "Empty, NA or ? cells: refuse the file (saying where), drop "
                                                     "their rows, or fill them with the column's mean over the "
                                                     "training rows (kept in the model; for a text column, its "
                                                     "values' shares)."),
        "image": QT_TRANSLATE_NOOP("setting_help", "The features are the pixels of a W x H image, row by row: type "
                                                   "e.g. 8x8 (8x8 and 28x28 pixel columns are found by themselves); "
                                                   "empty: automatic."),
    },
    "FeatureList": {
        "filter": QT_TRANSLATE_NOOP("setting_help", "Show only the columns whose name holds this text (any case)."),
        "list": QT_TRANSLATE_NOOP("setting_help", "The columns the network takes as inputs: untick one to leave it "
                                                  "out."),
        "all_button": QT_TRANSLATE_NOOP("setting_help", "Tick every column shown: with a filter, only the columns "
                                                        "it shows."),
        "none_button": QT_TRANSLATE_NOOP("setting_help", "Untick every column shown: with a filter, only the "
                                                         "columns it shows; refused if no feature would be left."),
    },
    "PaintPage": {
        "show_button": QT_TRANSLATE_NOOP("setting_help", "Bring the Paint tab forward: click to add points, pick a "
                                                         "class or draw numbers."),
    },
    "RunsPanel": {
        "list": QT_TRANSLATE_NOOP("setting_help", "Tick to show a run; double-click or F2 renames it; Delete "
                                                  "deletes it (Undo brings it back)."),
        "delete_button": QT_TRANSLATE_NOOP("setting_help", "Delete the selected runs (Edit › Undo brings them "
                                                           "back)."),
        "export_button": QT_TRANSLATE_NOOP("setting_help", "The visible runs' curves in one CSV file (one row per "
                                                           "run and epoch)."),
    },
}

# Tooltips of a combo box's choices: widget attribute -> choice -> text.
CHOICE_TIPS: dict[str, dict[str, str]] = {
    "loss": {"mse": QT_TRANSLATE_NOOP("setting_help", "squared error, 1/2 (y_hat - y)^2: for numbers; any output "
                                                      "activation"),
             "bce": QT_TRANSLATE_NOOP("setting_help", "binary cross-entropy: for 0/1 targets with a sigmoid output"),
             "ce": QT_TRANSLATE_NOOP("setting_help", "cross-entropy: for one class out of several, with a softmax "
                                                     "output")},
    "optimizer": {"sgd": QT_TRANSLATE_NOOP("setting_help", "plain gradient descent: w -= lr * gradient"),
                  "momentum": QT_TRANSLATE_NOOP("setting_help", "sgd with momentum 0.9: steps keep some of their "
                                                                "direction"),
                  "nesterov": QT_TRANSLATE_NOOP("setting_help", "momentum that looks one step ahead"),
                  "adagrad": QT_TRANSLATE_NOOP("setting_help", "each weight's rate shrinks with its gradients' sum "
                                                               "of squares"),
                  "adadelta": QT_TRANSLATE_NOOP("setting_help", "steps scaled by running averages of squared "
                                                                "gradients and steps"),
                  "rmsprop": QT_TRANSLATE_NOOP("setting_help", "each weight's rate scaled by a running average of "
                                                               "squared gradients"),
                  "adam": QT_TRANSLATE_NOOP("setting_help", "momentum and rmsprop together, with bias corrections: "
                                                            "a good first choice")},
    "schedule": {"constant": QT_TRANSLATE_NOOP("setting_help", "the same learning rate every epoch"),
                 "step": QT_TRANSLATE_NOOP("setting_help", "multiply the rate by gamma every step_size epochs"),
                 "exponential": QT_TRANSLATE_NOOP("setting_help", "multiply the rate by gamma every epoch"),
                 "cosine": QT_TRANSLATE_NOOP("setting_help", "a half cosine from the rate down to eta_min over "
                                                             "T_max epochs")},
    "init": {"normal": QT_TRANSLATE_NOOP("setting_help", "N(0, 1): wide; saturates sigmoid and tanh units of large "
                                                         "layers"),
             "uniform": QT_TRANSLATE_NOOP("setting_help", "U(-1, 1)"),
             "xavier": QT_TRANSLATE_NOOP("setting_help", "Glorot uniform: keeps the signal's spread through tanh "
                                                         "and sigmoid layers"),
             "he": QT_TRANSLATE_NOOP("setting_help", "He (Kaiming) normal: keeps the spread through relu layers")},
    "normalize": {"none": QT_TRANSLATE_NOOP("setting_help", "the inputs as they are"),
                  "minmax": QT_TRANSLATE_NOOP("setting_help", "each input scaled into [0, 1] over the training rows"),
                  "zscore": QT_TRANSLATE_NOOP("setting_help", "each input shifted and scaled to mean 0 and standard "
                                                              "deviation 1")},
}


@dataclass(frozen=True)
class ParamHelp:
    """A hyperparameter's readable name and help; ``labels``: one per element of a tuple (betas)."""
    label: str
    tip: str
    labels: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()


HYPERPARAMETERS: dict[str, ParamHelp] = {
    "momentum": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "momentum"),
        QT_TRANSLATE_NOOP("setting_help", "How much of the previous step each step keeps (0: none, 0.9: much). "
                                          "Speeds up long, shallow valleys; lower it if the loss oscillates.")),
    "dampening": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "dampening"),
        QT_TRANSLATE_NOOP("setting_help", "How much of the new gradient is held back from the momentum buffer. "
                                          "Usually 0.")),
    "nesterov": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "Nesterov momentum"),
        QT_TRANSLATE_NOOP("setting_help", "Take the gradient where momentum is about to carry the weights: often "
                                          "a little faster. Needs momentum > 0.")),
    "betas": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "betas"), "",
        labels=(QT_TRANSLATE_NOOP("setting_help", "momentum (beta1)"),
                QT_TRANSLATE_NOOP("setting_help", "smoothing (beta2)")),
        tips=(QT_TRANSLATE_NOOP("setting_help", "How long the running mean of the gradients remembers (0.9: about "
                                                "10 steps). Lower it when the loss oscillates."),
              QT_TRANSLATE_NOOP("setting_help", "How long the running mean of the squared gradients remembers "
                                                "(0.999: about 1000 steps). Lower it (e.g. 0.99) for noisy "
                                                "mini-batches."))),
    "eps": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "epsilon"),
        QT_TRANSLATE_NOOP("setting_help", "A small number added to the divisor so a step never divides by zero. "
                                          "Rarely changed; larger values make the optimizer behave more like sgd.")),
    "amsgrad": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "AMSGrad"),
        QT_TRANSLATE_NOOP("setting_help", "Divide by the largest squared-gradient average seen so far, not the "
                                          "current one: steadier steps when adam's loss jumps late in training.")),
    "lr_decay": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "learning-rate decay"),
        QT_TRANSLATE_NOOP("setting_help", "Shrinks the learning rate at every step: lr / (1 + (t - 1) * decay). "
                                          "0: none.")),
    "initial_accumulator_value": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "starting sum of squares"),
        QT_TRANSLATE_NOOP("setting_help", "What each weight's sum of squared gradients starts at; larger makes "
                                          "the first steps smaller.")),
    "rho": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "smoothing (rho)"),
        QT_TRANSLATE_NOOP("setting_help", "How long the running averages of squared gradients and steps remember "
                                          "(0.9: about 10 steps).")),
    "alpha": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "smoothing (alpha)"),
        QT_TRANSLATE_NOOP("setting_help", "How long the running average of squared gradients remembers (0.99: "
                                          "about 100 steps).")),
    "centered": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "centred"),
        QT_TRANSLATE_NOOP("setting_help", "Divide by the gradients' variance instead of their mean square: "
                                          "sometimes steadier, a little slower.")),
    "step_size": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "every (epochs)"),
        QT_TRANSLATE_NOOP("setting_help", "How many epochs between two cuts of the learning rate.")),
    "gamma": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "factor (gamma)"),
        QT_TRANSLATE_NOOP("setting_help", "What the learning rate is multiplied by at each cut (step) or each "
                                          "epoch (exponential). 0.5 halves it.")),
    "T_max": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "period (epochs)"),
        QT_TRANSLATE_NOOP("setting_help", "Epochs for the learning rate to go from its start down to the lowest "
                                          "rate.")),
    "eta_min": ParamHelp(
        QT_TRANSLATE_NOOP("setting_help", "lowest rate"),
        QT_TRANSLATE_NOOP("setting_help", "The learning rate at the bottom of the cosine.")),
}

# The PyTorch class of each optimizer and schedule of bpgui's registries.
TORCH_CLASS: dict[str, str] = {
    "sgd": "torch.optim.SGD", "momentum": "torch.optim.SGD", "nesterov": "torch.optim.SGD",
    "adagrad": "torch.optim.Adagrad", "adadelta": "torch.optim.Adadelta", "rmsprop": "torch.optim.RMSprop",
    "adam": "torch.optim.Adam",
    "step": "torch.optim.lr_scheduler.StepLR", "exponential": "torch.optim.lr_scheduler.ExponentialLR",
    "cosine": "torch.optim.lr_scheduler.CosineAnnealingLR",
}


def param_label(key: str, index: int | None = None) -> str:
    """The readable name of hyperparameter ``key`` (element ``index`` of a tuple)."""
    help_ = HYPERPARAMETERS.get(key)
    if help_ is None:
        return key
    label = help_.labels[index] if index is not None and index < len(help_.labels) else help_.label
    return translate("setting_help", label)


def param_tip(owner: str, key: str, index: int | None = None) -> str:
    """Plain words, then PyTorch's name: ``owner`` is the optimizer's or schedule's registry name."""
    help_ = HYPERPARAMETERS.get(key)
    text = "" if help_ is None else (help_.tips[index] if index is not None and index < len(help_.tips)
                                     else help_.tip)
    torch_name = f"{TORCH_CLASS.get(owner, owner)}: {key}" + (f"[{index}]" if index is not None else "")
    return f"{translate('setting_help', text)}\n{torch_name}" if text else torch_name


def apply_tips(panel) -> None:
    """Give ``panel``'s widgets their tooltips from ``PANEL_TIPS`` (by its class name), and the choices of
    its combo boxes theirs from ``CHOICE_TIPS``."""
    for attribute, text in PANEL_TIPS.get(type(panel).__name__, {}).items():
        widget = getattr(panel, attribute)
        widget.setToolTip(translate("setting_help", text))
        if attribute in CHOICE_TIPS:
            choice_tips(widget, CHOICE_TIPS[attribute])


def choice_tips(combo, tips: dict[str, str]) -> None:
    """Each choice of ``combo`` (by its data, or its text) gets its tooltip (``tips``: marked texts)."""
    for i in range(combo.count()):
        key = combo.itemData(i) if isinstance(combo.itemData(i), str) else combo.itemText(i)
        if key in tips:
            combo.setItemData(i, translate("setting_help", tips[key]), Qt.ToolTipRole)
