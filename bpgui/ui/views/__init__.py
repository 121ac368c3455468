"""One widget per file: what the window shows of the network and its training."""
